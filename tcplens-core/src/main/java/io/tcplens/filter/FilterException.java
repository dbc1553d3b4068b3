package io.tcplens.filter;

/**
 * A display filter that cannot be compiled: Wireshark's message, and where in the filter the
 * problem is, so that it can be marked under the filter text as tshark marks it.
 */
public final class FilterException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int position;
    private final int length;
    private final String hint;

    /**
     * @param position offset of the offending token in the filter, or -1 when the problem has
     *                 no place (an unexpected end)
     * @param length   characters to underline
     * @param hint     a further line (a near-miss suggestion), or null
     */
    FilterException(String message, int position, int length, String hint) {
        super(message);
        this.position = position;
        this.length = length;
        this.hint = hint;
    }

    FilterException(String message, Token token) {
        this(message, token.start(), token.text().length(), null);
    }

    public int position() { return position; }

    public int length() { return length; }

    /** The suggestion line ("Did you mean ...?"), or null. */
    public String hint() { return hint; }

    /**
     * The message as tshark prints it: the message, then the filter and a caret line under the
     * offending token (when it has a place), then the suggestion.
     */
    public String render(String filter, String indent) {
        StringBuilder out = new StringBuilder(getMessage());
        if (position >= 0) {
            out.append('\n').append(indent).append(filter).append('\n').append(indent);
            out.append(" ".repeat(position)).append('^');
            out.append("~".repeat(Math.max(0, length - 1)));
        }
        if (hint != null) {
            out.append('\n').append(hint);
        }
        return out.toString();
    }
}
