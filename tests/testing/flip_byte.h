// Damages one byte of a file in place. The byte is XORed, never overwritten with a constant:
// a constant may be the byte already there, and then nothing was damaged.
#ifndef SSELAB_TESTS_TESTING_FLIP_BYTE_H_
#define SSELAB_TESTS_TESTING_FLIP_BYTE_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>

namespace sselab::testing {

inline void FlipByte(const std::filesystem::path& file, std::streamoff offset,
                     std::uint8_t mask = 0x5a) {
  ASSERT_NE(mask, 0);
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  ASSERT_TRUE(f.is_open()) << file;
  f.seekg(offset);
  char c = 0;
  ASSERT_TRUE(f.read(&c, 1)) << file << " has no byte at " << offset;
  c = static_cast<char>(c ^ static_cast<char>(mask));
  f.seekp(offset);
  ASSERT_TRUE(f.write(&c, 1)) << file;
}

}  // namespace sselab::testing

#endif  // SSELAB_TESTS_TESTING_FLIP_BYTE_H_
