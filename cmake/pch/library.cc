// The translation unit that precompiles the shared headers for libraries and tests
// (cmake/SselabPch.cmake); it has no code of its own.
