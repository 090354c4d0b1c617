// The translation unit that precompiles the shared headers for programs
// (cmake/SselabPch.cmake); it has no code of its own.
int main() { return 0; }
