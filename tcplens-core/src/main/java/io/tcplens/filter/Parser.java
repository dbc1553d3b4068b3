package io.tcplens.filter;

import io.tcplens.field.Field;
import io.tcplens.field.FieldType;
import io.tcplens.field.Fields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Recursive descent over Wireshark 4.0's display-filter grammar, compiling as it goes.
 * Precedence, loosest first: {@code or ||}, {@code xor ^^}, {@code and &&}, {@code not !},
 * relations, {@code &}, {@code + -}, {@code * / %}, slices. Keywords are lower case only, as in
 * Wireshark ({@code AND} is an error there too).
 */
final class Parser {
    /** Wireshark protocols tcplens does not decode yet: named as such rather than as typos. */
    private static final Set<String> WIRESHARK_ONLY = Set.of("http", "tls", "ssl", "ftp", "ftp-data",
            "smtp", "ssh", "quic", "bootp", "snmp", "sip", "rtp", "smb", "smb2", "igmp", "gre", "esp", "ah", "sctp", "lldp", "cdp", "vxlan", "telnet", "imap",
            "pop", "irc", "kerberos", "ldap", "radius", "rdp", "websocket", "http2", "mqtt", "syslog", "tftp");

    /** Operand syntax before types are known: literals take their type from the other side. */
    private sealed interface Expr permits FieldExpr, LiteralExpr, SliceExpr, CallExpr, ArithExpr { Token token(); }

    private record FieldExpr(Field field, Token token) implements Expr { }

    private record LiteralExpr(Token token) implements Expr { }

    private record SliceExpr(Expr base, Token token) implements Expr { }

    private record CallExpr(Token token, List<Expr> args) implements Expr { }

    private record ArithExpr(Token token, Expr left, Expr right) implements Expr { }

    private final List<Token> tokens;
    private int next;
    final Set<Field> fields = new LinkedHashSet<>();

    Parser(String filter) throws FilterException {
        this.tokens = Lexer.tokens(filter);
    }

    Predicate parse() throws FilterException {
        if (peek().kind() == Token.Kind.END) {
            throw new FilterException("Unexpected end of filter expression.", -1, 0, null);
        }
        Predicate p = or();
        if (peek().kind() != Token.Kind.END) {
            throw unexpected(peek());
        }
        return p;
    }

    // ---- tokens ----

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        return tokens.get(next++);
    }

    private boolean accept(String... words) {
        for (String w : words) {
            if (peek().is(w)) {
                next++;
                return true;
            }
        }
        return false;
    }

    private static FilterException unexpected(Token t) {
        if (t.kind() == Token.Kind.END) {
            return new FilterException("Unexpected end of filter expression.", -1, 0, null);
        }
        return new FilterException("\"" + t.text() + "\" was unexpected in this context.", t);
    }

    private Token expect(String symbol) throws FilterException {
        if (!peek().is(symbol)) {
            throw unexpected(peek());
        }
        return take();
    }

    // ---- logical tests ----

    private Predicate or() throws FilterException {
        Predicate p = xor();
        while (accept("or", "||")) {
            p = new Predicate.Logical(Predicate.Connective.OR, p, xor());
        }
        return p;
    }

    private Predicate xor() throws FilterException {
        Predicate p = and();
        while (accept("xor", "^^")) {
            p = new Predicate.Logical(Predicate.Connective.XOR, p, and());
        }
        return p;
    }

    private Predicate and() throws FilterException {
        Predicate p = not();
        while (accept("and", "&&")) {
            p = new Predicate.Logical(Predicate.Connective.AND, p, not());
        }
        return p;
    }

    private Predicate not() throws FilterException {
        if (accept("not", "!")) {
            return new Predicate.Not(not());
        }
        return relation();
    }

    private Predicate relation() throws FilterException {
        if (accept("(")) {
            Predicate p = or();
            expect(")");
            return p;
        }
        Expr left = arithmetic();
        Token op = peek();
        Predicate.Relation relation = null;
        Predicate.Mode mode = Predicate.Mode.ANY;
        switch (op.text()) {
            case "==", "eq", "any_eq" -> relation = Predicate.Relation.EQ;
            case "!=", "ne", "all_ne" -> {
                relation = Predicate.Relation.NE;
                mode = Predicate.Mode.ALL;
            }
            // Wireshark 4.0: "!==" is any_ne, the new spelling of "~=" (not the negation of "===").
            case "~=", "any_ne", "!==" -> relation = Predicate.Relation.NE;
            case "===", "all_eq" -> {
                relation = Predicate.Relation.EQ;
                mode = Predicate.Mode.ALL;
            }
            case "<", "lt" -> relation = Predicate.Relation.LT;
            case "<=", "le" -> relation = Predicate.Relation.LE;
            case ">", "gt" -> relation = Predicate.Relation.GT;
            case ">=", "ge" -> relation = Predicate.Relation.GE;
            case "contains" -> relation = Predicate.Relation.CONTAINS;
            default -> { }
        }
        if (op.kind() == Token.Kind.STRING || op.kind() == Token.Kind.SLICE) {
            relation = null;
        }
        if (relation != null) {
            take();
            Expr right = arithmetic();
            return compare(op, relation, mode, left, right);
        }
        if (op.is("matches")) {
            take();
            Token pattern = take();
            if (pattern.kind() != Token.Kind.STRING) {
                throw new FilterException("Matches requires a string on its right side.", pattern);
            }
            Operand l = typed(left);
            if (!bytesLike(l.type)) {
                throw cannotParticipate(left, l.type, "matches");
            }
            try {
                return new Predicate.Matches(l, Pattern.compile(new String((byte[]) pattern.value(), java.nio.charset.StandardCharsets.UTF_8)));
            } catch (PatternSyntaxException e) {
                throw new FilterException("Regex compilation error: " + e.getDescription() + ".", -1, 0, null);
            }
        }
        if (op.is("in") || (op.is("not") && tokens.get(next + 1).is("in"))) {
            boolean negated = op.is("not");
            take();
            if (negated) {
                take();
            }
            // "x not in S" is "not (x in S)": true when x is absent, as in Wireshark.
            Predicate in = set(left, op);
            return negated ? new Predicate.Not(in) : in;
        }
        return exists(left);
    }

    private Predicate exists(Expr e) throws FilterException {
        if (e instanceof LiteralExpr lit) {
            throw unknownName(lit.token());
        }
        Operand o = typed(e);
        return new Predicate.Exists(o, e instanceof ArithExpr);
    }

    private Predicate compare(Token op, Predicate.Relation relation, Predicate.Mode mode, Expr left, Expr right)
            throws FilterException {
        if (left instanceof LiteralExpr lit) {
            if (Literals.looksLikeName(lit.token().text()) && lit.token().kind() == Token.Kind.WORD) {
                throw unknownName(lit.token());
            }
            throw new FilterException("Left side of \"" + op.text() + "\" expression must be a field or function, not "
                    + lit.token().text() + ".", lit.token());
        }
        Operand l = typed(left);
        if (l.type == FieldType.NONE) {
            // A label (an expert flag) has no value: it can only be tested for presence.
            throw cannotParticipate(left, l.type, op.text());
        }
        if (relation == Predicate.Relation.CONTAINS && !bytesLike(l.type)) {
            throw cannotParticipate(left, l.type, "contains");
        }
        Operand r = operand(right, l.type, nameOf(left));
        if (!compatible(l.type, r.type)) {
            throw new FilterException(left.token().text() + " and " + right.token().text()
                    + " are not of compatible types.", right.token());
        }
        return new Predicate.Compare(relation, mode, l, r);
    }

    private Predicate set(Expr left, Token op) throws FilterException {
        Operand l = typed(left);
        if (l.type == FieldType.NONE) {
            throw cannotParticipate(left, l.type, "in");
        }
        expect("{");
        Values low = new Values();
        Values high = new Values();
        while (true) {
            Token t = take();
            if (t.kind() == Token.Kind.END || t.is("}") || t.is(",")) {
                throw unexpected(t);
            }
            int range = t.kind() == Token.Kind.WORD ? t.text().indexOf("..") : -1;
            if (range > 0) {
                // "8000..8100" is one word to the scanner; split it here.
                element(new Token(Token.Kind.WORD, t.text().substring(0, range), t.start(), null), l, left, low);
                element(new Token(Token.Kind.WORD, t.text().substring(range + 2), t.start() + range + 2, null), l, left, high);
            } else if (peek().is("..")) {
                take();
                element(t, l, left, low);
                element(take(), l, left, high);
            } else {
                element(t, l, left, low);
                element(t, l, left, high);
            }
            if (accept("}")) {
                break;
            }
            expect(",");
        }
        return new Predicate.In(l, low, high);
    }

    private void element(Token t, Operand left, Expr leftExpr, Values into) throws FilterException {
        if (t.kind() == Token.Kind.WORD && t.text().isEmpty()) {
            throw new FilterException("Unexpected end of filter expression.", -1, 0, null);
        }
        Literals.parse(t, left.type, nameOf(leftExpr), into);
    }

    // ---- operands ----

    private Expr arithmetic() throws FilterException {
        Expr e = sum();
        while (peek().is("&")) {
            Token op = take();
            e = new ArithExpr(op, e, sum());
        }
        return e;
    }

    private Expr sum() throws FilterException {
        Expr e = product();
        while (peek().is("+") || peek().is("-")) {
            Token op = take();
            e = new ArithExpr(op, e, product());
        }
        return e;
    }

    private Expr product() throws FilterException {
        Expr e = slice();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            Token op = take();
            e = new ArithExpr(op, e, slice());
        }
        return e;
    }

    private Expr slice() throws FilterException {
        Expr e = primary();
        while (peek().kind() == Token.Kind.SLICE) {
            e = new SliceExpr(e, take());
        }
        return e;
    }

    private Expr primary() throws FilterException {
        Token t = take();
        switch (t.kind()) {
            case STRING, CHAR -> {
                return new LiteralExpr(t);
            }
            case WORD -> {
                if (peek().is("(") && peek().start() == t.end()) {
                    take();
                    List<Expr> args = new ArrayList<>();
                    if (!peek().is(")")) {
                        do {
                            args.add(arithmetic());
                        } while (accept(","));
                    }
                    expect(")");
                    return new CallExpr(t, args);
                }
                Field f = Fields.get(t.text());
                if (f != null) {
                    fields.add(f);
                    return new FieldExpr(f, t);
                }
                return new LiteralExpr(t);
            }
            case SYMBOL -> {
                if (t.is("{")) {
                    Expr e = arithmetic();
                    expect("}");
                    return e;
                }
                throw unexpected(t);
            }
            default -> throw unexpected(t);
        }
    }

    /** The static type of an operand, or null for a bare literal (typed by the other side). */
    private static FieldType typeOf(Expr e) {
        if (e instanceof FieldExpr f) {
            return f.field().type();
        }
        if (e instanceof SliceExpr) {
            return FieldType.BYTES;
        }
        if (e instanceof CallExpr c) {
            return switch (c.token().text()) {
                case "len", "count" -> FieldType.UINT32;
                case "upper", "lower" -> FieldType.STRING;
                default -> null;
            };
        }
        if (e instanceof ArithExpr a) {
            FieldType t = typeOf(a.left());
            return t != null ? t : typeOf(a.right());
        }
        return null;
    }

    private static String nameOf(Expr e) {
        return e instanceof FieldExpr f ? f.field().name() : e.token().text();
    }

    /** Compiles an operand that must carry its own type: a bare literal is an unknown name. */
    private Operand typed(Expr e) throws FilterException {
        return operand(e, null, null);
    }

    /** Compiles an operand; a literal is read as {@code expected} (the other side's type). */
    private Operand operand(Expr e, FieldType expected, String fieldName) throws FilterException {
        if (e instanceof FieldExpr f) {
            return new Operand.FieldRef(f.field());
        }
        if (e instanceof LiteralExpr lit) {
            if (expected == null) {
                throw unknownName(lit.token());
            }
            Values v = new Values();
            Literals.parse(lit.token(), expected, fieldName, v);
            return new Operand.Constant(expected, v);
        }
        if (e instanceof SliceExpr s) {
            Operand base = typed(s.base());
            if (Literals.numeric(base.type) && base.type != FieldType.IPV4) {
                throw new FilterException("\"" + s.base().token().text() + "\" is a " + Literals.typeName(base.type)
                        + " and cannot be sliced into a sequence of bytes.", s.base().token());
            }
            return slice(base, s.token());
        }
        if (e instanceof CallExpr c) {
            return call(c);
        }
        ArithExpr a = (ArithExpr) e;
        FieldType type = typeOf(a);
        if (type == null) {
            type = expected;
        }
        if (type == null) {
            throw new FilterException("Constant arithmetic expression on the left side of a comparison.", a.token());
        }
        char op = a.token().text().charAt(0);
        boolean bitwiseOnBytes = op == '&' && (type == FieldType.BYTES || type == FieldType.ETHER);
        if (!Literals.numeric(type) && !bitwiseOnBytes) {
            throw new FilterException(nameOf(a.left()) + " (type=" + Literals.typeName(type)
                    + ") cannot participate in arithmetic.", a.left().token());
        }
        return new Operand.Arithmetic(type, op, operand(a.left(), type, nameOf(a.right())),
                operand(a.right(), type, nameOf(a.left())));
    }

    private Operand call(CallExpr c) throws FilterException {
        String name = c.token().text();
        int arity = c.args().size();
        switch (name) {
            case "len", "count", "upper", "lower" -> {
                if (arity != 1) {
                    throw new FilterException("Function " + name + "() needs 1 argument, got " + arity + ".", c.token());
                }
            }
            default -> throw new FilterException("Function '" + name + "' does not exist", c.token());
        }
        Expr arg = c.args().get(0);
        if (name.equals("count")) {
            if (!(arg instanceof FieldExpr)) {
                throw new FilterException("Only fields can be used as parameter for count()", -1, 0, null);
            }
            return new Operand.Count(operand(arg, null, null));
        }
        Operand base = typed(arg);
        if (name.equals("len")) {
            return new Operand.Length(base);
        }
        if (base.type != FieldType.STRING) {
            throw new FilterException("Only string type fields can be used as parameter for " + name + "()", arg.token());
        }
        return new Operand.Case(base, name.equals("upper"));
    }

    /** {@code [i:j]}, {@code [i-j]}, {@code [i]}, {@code [:j]}, {@code [i:]}, comma-separated. */
    private static Operand slice(Operand base, Token token) throws FilterException {
        String[] parts = ((String) token.value()).split(",", -1);
        int[] starts = new int[parts.length];
        int[] lengths = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k].strip();
            try {
                int colon = p.indexOf(':');
                int dash = p.indexOf('-', 1);
                if (colon >= 0) {
                    starts[k] = colon == 0 ? 0 : Integer.parseInt(p.substring(0, colon).strip());
                    String len = p.substring(colon + 1).strip();
                    lengths[k] = len.isEmpty() ? -1 : Integer.parseInt(len);
                    if (lengths[k] < -1) {
                        throw new NumberFormatException();
                    }
                } else if (dash > 0) {
                    starts[k] = Integer.parseInt(p.substring(0, dash).strip());
                    int end = Integer.parseInt(p.substring(dash + 1).strip());
                    lengths[k] = end - starts[k] + 1;
                    if (lengths[k] <= 0 || starts[k] < 0) {
                        throw new NumberFormatException();
                    }
                } else {
                    starts[k] = Integer.parseInt(p);
                    lengths[k] = 1;
                }
            } catch (NumberFormatException e) {
                throw new FilterException("\"" + token.text() + "\" is not a valid range.", token);
            }
        }
        return new Operand.Slice(base, starts, lengths);
    }

    private static boolean bytesLike(FieldType t) {
        return t == FieldType.BYTES || t == FieldType.PROTOCOL || t == FieldType.STRING;
    }

    /** Can two typed operands be compared? Integers with integers, bytes with byte-like types. */
    private static boolean compatible(FieldType a, FieldType b) {
        return family(a) == family(b);
    }

    private static int family(FieldType t) {
        return switch (t) {
            case UINT8, UINT16, UINT24, UINT32, UINT64, INT32, BOOLEAN, FRAMENUM -> 0;
            case RELATIVE_TIME -> 1;
            case DOUBLE -> 8;
            case ABSOLUTE_TIME -> 7;
            case IPV4 -> 2;
            case IPV6 -> 3;
            case STRING -> 4;
            case PROTOCOL, BYTES, ETHER -> 5;
            case NONE -> 6;
        };
    }

    private static FilterException cannotParticipate(Expr e, FieldType type, String relation) {
        return new FilterException(e.token().text() + " (type=" + Literals.typeName(type) + ") cannot participate in "
                + relation + " comparison.", e.token());
    }

    /** An unknown name where a field is needed, with a near-miss suggestion. */
    static FilterException unknownName(Token t) {
        String name = t.text();
        if (t.kind() == Token.Kind.WORD && WIRESHARK_ONLY.contains(name)) {
            return new FilterException("\"" + name + "\" is a Wireshark protocol that tcplens does not decode yet.", t);
        }
        if (t.kind() != Token.Kind.WORD || !Literals.looksLikeName(name)) {
            String shown = t.kind() == Token.Kind.STRING
                    ? new String((byte[]) t.value(), java.nio.charset.StandardCharsets.UTF_8) : name;
            return new FilterException("\"" + shown + "\" is neither a field nor a protocol name.", t);
        }
        String suggestion = Suggestions.nearest(name);
        return new FilterException("\"" + name + "\" is not a valid protocol or protocol field.", t.start(), name.length(),
                suggestion == null ? null : "Did you mean \"" + suggestion + "\"?");
    }
}
