// Exit codes both tools use; scripts rely on them.
#pragma once

namespace newsdex {

inline constexpr int kExitOk = 0;
// newsindex: some inputs were rejected (the rest was indexed and committed).
// newssearch --show/--like: no article has the id asked for.
inline constexpr int kExitSomeRejected = 1;
// Bad usage, a bad query or date, or a fatal error such as a missing or locked database.
inline constexpr int kExitUsage = 2;
// newssearch: a shard of a stub database cannot be reached (without --allow-partial).
inline constexpr int kExitShardUnreachable = 3;

}  // namespace newsdex
