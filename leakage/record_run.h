// One recorded leakage run: build a scheme over a corpus, then play a workload.
#ifndef SSELAB_LEAKAGE_RECORD_RUN_H_
#define SSELAB_LEAKAGE_RECORD_RUN_H_

#include <string>
#include <vector>

#include "index/client.h"
#include "index/registry.h"
#include "leakage/recorder.h"
#include "leakage/transcript.h"
#include "leakage/workload.h"
#include "leakage/workload_target.h"

namespace sselab::leakage {

// Plays `workload` on `target` (the in-process Recorder, or a remote index whose server
// records: net/remote_recording.h): builds over the documents the workload starts with
// (all of them for a static scheme), then runs each operation. Updates are played only
// with the dynamic (inserts) and deletions (removes) capabilities in `caps`; the others
// are skipped. The first failing operation fails the run, naming it.
Status PlayWorkload(WorkloadTarget& target, const index::Capabilities& caps,
                    const std::vector<index::Document>& docs,
                    const std::vector<WorkloadOp>& workload, const std::string& corpus_name,
                    const index::ProgressFn& progress);

// Updates are played only on schemes with the dynamic (inserts) and deletions (removes)
// capabilities; the others skip them. Any failing operation fails the run, naming it.
// If `guesser` is given and the scheme has a keyword-guessing attack, it receives one
// bound to this run's public keys (otherwise it is left empty).
Result<Transcript> RecordRun(const index::Registry& registry, const RecorderOptions& options,
                             const std::vector<index::Document>& docs,
                             const std::vector<WorkloadOp>& workload,
                             const std::string& corpus_name, const index::ProgressFn& progress,
                             index::KeywordGuesser* guesser = nullptr);

}  // namespace sselab::leakage

#endif  // SSELAB_LEAKAGE_RECORD_RUN_H_
