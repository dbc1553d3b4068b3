package io.tcplens.filter;

/**
 * One token of a display filter.
 *
 * @param kind   what it is
 * @param text   the characters as written (for messages and carets)
 * @param start  offset in the filter
 * @param value  decoded content: a string literal's bytes after escapes, a character
 *               constant's value, a slice's text between the brackets
 */
record Token(Kind kind, String text, int start, Object value) {

    enum Kind {
        /** An unquoted word: a field name, a keyword or a literal (80, 10.0.0.0/8, 47:45:54). */
        WORD,
        /** A double-quoted string; value is its bytes after escapes. */
        STRING,
        /** A single-quoted character constant; value is its code. */
        CHAR,
        /** A slice {@code [...]}; value is the text between the brackets. */
        SLICE,
        /** Punctuation and operators: ( ) { } , == != && and so on. */
        SYMBOL,
        END
    }

    boolean is(String symbolOrWord) {
        return (kind == Kind.SYMBOL || kind == Kind.WORD) && text.equals(symbolOrWord);
    }

    int end() {
        return start + text.length();
    }
}
