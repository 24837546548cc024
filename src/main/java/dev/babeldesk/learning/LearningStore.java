package dev.babeldesk.learning;

import java.util.List;
import java.util.Optional;

/** Where the admins' decisions on shoppers' picks are kept (the conversations' database). */
public interface LearningStore {

    /**
     * Records a decision on a question for an entry; a later decision on the same question and
     * entry replaces the earlier one.
     */
    LearnedPhrasing decide(LearnedPhrasing decision);

    /** Every decision, newest first. */
    List<LearnedPhrasing> all();

    /** Forgets a decision: an approved phrasing is no longer learned (and its pick may be suggested again). */
    Optional<LearnedPhrasing> remove(String id);
}
