#include "peks/keyword_guessing.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "index/message.h"
#include "peks/peks_keys.h"
#include "peks/peks_messages.h"

namespace sselab::peks {
namespace {

const std::vector<std::string>& Dictionary() {
  static const std::vector<std::string> d = {"invoice",  "salary",  "merger", "lawsuit",
                                             "password", "holiday", "budget", "patent"};
  return d;
}

// The Search request a client would send for `trapdoor`, as the server receives it.
Bytes SearchRequest(ByteView trapdoor) {
  ByteWriter w = index::BeginRequest(kSearch);
  w.Raw(trapdoor);
  return w.Take();
}

TEST(KeywordGuessingTest, RecoversEveryBdop04KeywordInTheDictionary) {
  const auto receiver = bdop04::ReceiverKey::FromScalar(RandomNonZeroScalar());
  const auto gen = bdop04::NewTrapdoorGenerator(receiver);
  const std::vector<std::string> queried = {"merger", "patent", "invoice"};
  size_t recovered = 0;
  for (const std::string& w : queried) {
    auto t = gen->Trapdoor(w);
    ASSERT_TRUE(t.ok());
    auto guess = GuessBdop04Keyword(SearchRequest(*t), receiver.pub, Dictionary());
    ASSERT_TRUE(guess.ok()) << guess.error().ToString();
    if (guess->has_value() && **guess == w) ++recovered;
  }
  EXPECT_EQ(static_cast<double>(recovered) / static_cast<double>(queried.size()), 1.0);
}

TEST(KeywordGuessingTest, Bdop04KeywordOutsideTheDictionaryIsNotFound) {
  const auto receiver = bdop04::ReceiverKey::FromScalar(RandomNonZeroScalar());
  auto t = bdop04::NewTrapdoorGenerator(receiver)->Trapdoor("unguessable-7f3a");
  ASSERT_TRUE(t.ok());
  auto guess = GuessBdop04Keyword(*t, receiver.pub, Dictionary());
  ASSERT_TRUE(guess.ok());
  EXPECT_FALSE(guess->has_value());
}

TEST(KeywordGuessingTest, RecoversNoHl17Keyword) {
  const auto receiver = hl17::ReceiverKey::FromScalar(RandomNonZeroScalar());
  const auto sender = hl17::SenderKey::FromScalar(RandomNonZeroScalar());
  const auto gen = hl17::NewTrapdoorGenerator(receiver, sender.pub);
  const std::vector<std::string> queried = {"merger", "patent", "invoice"};
  size_t recovered = 0;
  for (const std::string& w : queried) {
    auto t = gen->Trapdoor(w);
    ASSERT_TRUE(t.ok());
    auto guess = GuessHl17Keyword(SearchRequest(*t), sender.pub, receiver.pub, Dictionary());
    ASSERT_TRUE(guess.ok()) << guess.error().ToString();
    if (guess->has_value()) ++recovered;
  }
  EXPECT_EQ(recovered, 0u);
}

TEST(KeywordGuessingTest, TheRealSenderCouldGuessHl17) {
  // The attack itself is sound: with the sender's secret (an inside *sender*) it works.
  const auto receiver = hl17::ReceiverKey::FromScalar(RandomNonZeroScalar());
  const auto sender = hl17::SenderKey::FromScalar(RandomNonZeroScalar());
  auto t = hl17::NewTrapdoorGenerator(receiver, sender.pub)->Trapdoor("salary");
  ASSERT_TRUE(t.ok());
  auto guess = GuessKeyword(hl17::NewTagEncryptor(sender, receiver.pub), hl17::Algorithms(), *t,
                            Dictionary());
  ASSERT_TRUE(guess.ok());
  EXPECT_EQ(guess->value_or(""), "salary");
}

TEST(KeywordGuessingTest, OneAttackerOverManyTrapdoorsGuessesEachOfThem) {
  const auto receiver = bdop04::ReceiverKey::FromScalar(RandomNonZeroScalar());
  auto generator = bdop04::NewTrapdoorGenerator(receiver);
  KeywordGuessing guessing = Bdop04Guessing(receiver.pub);
  const std::vector<std::string> dictionary = Dictionary();
  for (const std::string w : {"salary", "budget", "salary", "not-in-the-dictionary"}) {
    auto t = generator->Trapdoor(w);
    ASSERT_TRUE(t.ok());
    auto guess = guessing.Guess(SearchRequest(*t), dictionary);
    ASSERT_TRUE(guess.ok()) << guess.error().ToString();
    const bool known = std::find(dictionary.begin(), dictionary.end(), w) != dictionary.end();
    EXPECT_EQ(guess->value_or("(none)"), known ? w : "(none)") << w;
  }
  // Another dictionary: the tags of the first do not stand for its words.
  const std::vector<std::string> other = {"budget", "salary"};
  auto t = generator->Trapdoor("salary");
  ASSERT_TRUE(t.ok());
  auto guess = guessing.Guess(*t, other);
  ASSERT_TRUE(guess.ok());
  EXPECT_EQ(guess->value_or("(none)"), "salary");
  auto none = guessing.Guess(*t, std::vector<std::string>{"budget"});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST(KeywordGuessingTest, MalformedObservationsAreCorruption) {
  const auto receiver = bdop04::ReceiverKey::FromScalar(RandomNonZeroScalar());
  auto t = bdop04::NewTrapdoorGenerator(receiver)->Trapdoor("budget");
  ASSERT_TRUE(t.ok());
  Bytes request = SearchRequest(*t);
  request.pop_back();
  EXPECT_EQ(GuessBdop04Keyword(request, receiver.pub, Dictionary()).error().code(),
            ErrorCode::kCorruption);
}

}  // namespace
}  // namespace sselab::peks
