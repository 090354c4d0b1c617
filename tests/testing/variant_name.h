// A test-name-safe form of a scheme variant's label, and its gtest printer.
#ifndef SSELAB_TESTS_TESTING_VARIANT_NAME_H_
#define SSELAB_TESTS_TESTING_VARIANT_NAME_H_

#include <cctype>
#include <ostream>
#include <string>

#include "schemes/variants.h"

namespace sselab::testing {

inline std::string VariantTestName(const schemes::Variant& v) {
  std::string n = v.scheme;
  for (const auto& p : v.params) n += "_" + p;
  for (char& c : n) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return n;
}

}  // namespace sselab::testing

#endif  // SSELAB_TESTS_TESTING_VARIANT_NAME_H_
