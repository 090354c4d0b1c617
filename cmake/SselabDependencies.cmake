# Third-party dependencies, all from Debian packages (see scripts/install-deps.sh).
# Crypto++ and RocksDB are found through pkg-config: Debian's RocksDB CMake export
# references compression targets that its package does not provide.
find_package(PkgConfig REQUIRED)
pkg_check_modules(CRYPTOPP REQUIRED IMPORTED_TARGET GLOBAL libcrypto++)
pkg_check_modules(ROCKSDB REQUIRED IMPORTED_TARGET GLOBAL rocksdb)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 2.1 REQUIRED)
find_package(tomlplusplus 3 REQUIRED)
find_package(Eigen3 3.3 REQUIRED NO_MODULE)
