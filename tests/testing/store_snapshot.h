// Every entry of every table of a store, for tests that check a store did not change.
#ifndef SSELAB_TESTS_TESTING_STORE_SNAPSHOT_H_
#define SSELAB_TESTS_TESTING_STORE_SNAPSHOT_H_

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "storage/store.h"

namespace sselab::testing {

using StoreSnapshot = std::map<std::string, std::vector<std::pair<Bytes, Bytes>>>;

inline StoreSnapshot Snapshot(storage::Store& store) {
  StoreSnapshot snap;
  for (const std::string& t : store.Tables()) {
    auto& rows = snap[t];
    EXPECT_TRUE(store
                    .Scan(t, {},
                          [&rows](ByteView k, ByteView v) {
                            rows.emplace_back(ToBytes(k), ToBytes(v));
                            return true;
                          })
                    .ok());
  }
  return snap;
}

}  // namespace sselab::testing

#endif  // SSELAB_TESTS_TESTING_STORE_SNAPSHOT_H_
