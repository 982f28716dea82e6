// The one Catch2 main all unit-test executables share.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
