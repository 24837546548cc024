package dev.babeldesk.knowledge;

import java.util.List;

/** The knowledge base has errors; the message lists every one, with file and line. */
public final class InvalidKnowledgeBaseException extends RuntimeException {
    private final List<Problem> errors;

    public InvalidKnowledgeBaseException(List<Problem> errors) {
        super("The knowledge base has " + errors.size() + " error(s):\n  "
                + String.join("\n  ", errors.stream().map(Problem::toString).toList()));
        this.errors = List.copyOf(errors);
    }

    public List<Problem> errors() {
        return errors;
    }
}
