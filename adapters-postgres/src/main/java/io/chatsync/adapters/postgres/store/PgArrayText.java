package io.chatsync.adapters.postgres.store;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads PostgreSQL's text form of an array ({@code {1,NULL,"a b",{2,3}}}) into nested lists of element texts, as
 * node-postgres does before it parses each element: {@code NULL} unquoted is null, quotes and backslashes are
 * undone. Arrays with explicit bounds ({@code [0:1]={…}}) are read from their braces.
 */
final class PgArrayText {

    private final String text;
    private int at;

    private PgArrayText(String text) {
        this.text = text;
    }

    static List<@Nullable Object> parse(String text) {
        PgArrayText parser = new PgArrayText(text);
        parser.at = Math.max(0, text.indexOf('{'));
        return parser.array();
    }

    private List<@Nullable Object> array() {
        expect('{');
        List<@Nullable Object> elements = new ArrayList<>();
        if (peek() == '}') {
            at++;
            return elements;
        }
        while (true) {
            elements.add(element());
            char next = text.charAt(at++);
            if (next == '}') {
                return elements;
            }
            if (next != ',') {
                throw new IllegalArgumentException("not an array literal at " + (at - 1) + ": " + text);
            }
        }
    }

    private @Nullable Object element() {
        char first = peek();
        if (first == '{') {
            return array();
        }
        if (first == '"') {
            at++;
            StringBuilder quoted = new StringBuilder();
            for (char c = text.charAt(at++); c != '"'; c = text.charAt(at++)) {
                quoted.append(c == '\\' ? text.charAt(at++) : c);
            }
            return quoted.toString();
        }
        int start = at;
        while (peek() != ',' && peek() != '}') {
            at++;
        }
        String bare = text.substring(start, at).trim();
        return bare.equalsIgnoreCase("NULL") ? null : bare;
    }

    private char peek() {
        if (at >= text.length()) {
            throw new IllegalArgumentException("an array literal ends early: " + text);
        }
        return text.charAt(at);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + at + ": " + text);
        }
        at++;
    }
}
