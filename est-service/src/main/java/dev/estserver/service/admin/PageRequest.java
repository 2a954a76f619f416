package dev.estserver.service.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * Where a list continues (keyset pagination: the key of the last row shown) and how many rows to show. The cursor is
 * opaque to clients and names its list, so that a cursor of one list is refused by another.
 *
 * @param after the key of the last row of the previous page; null for the first page
 */
record PageRequest(String list, String after, int limit) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    static PageRequest of(String list, String cursor, String limit) {
        Long requested = QueryParameters.number("limit", limit);
        long size = requested == null ? DEFAULT_LIMIT : requested;
        if (size < 1 || size > MAX_LIMIT) {
            throw new RequestRejected(Problem.MALFORMED, "limit must be between 1 and " + MAX_LIMIT + ", got " + size);
        }
        return new PageRequest(list, cursor == null || cursor.isBlank() ? null : decode(list, cursor.strip()),
                (int) size);
    }

    /** The key as a number, for lists keyed by id. */
    Long afterId() {
        return afterKey(Long::valueOf);
    }

    /** The key as {@code parse} reads it; null for the first page. A key that it cannot read is not ours. */
    <K> K afterKey(Function<String, K> parse) {
        try {
            return after == null ? null : parse.apply(after);
        } catch (RuntimeException e) {
            throw notOurs(list);
        }
    }

    /** How many rows to fetch: one more than shown tells whether there is a next page. */
    int fetch() {
        return limit + 1;
    }

    /** The page of the fetched rows, shown as views. */
    <R, V> Page<V> page(List<R> rows, Function<R, String> key, Function<List<R>, List<V>> views) {
        if (rows.size() <= limit) {
            return new Page<>(views.apply(rows), null);
        }
        List<R> shown = rows.subList(0, limit);
        return new Page<>(views.apply(shown), cursor(list, key.apply(shown.getLast())));
    }

    /** The cursor of the page after the row of {@code key} in {@code list}. */
    static String cursor(String list, String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((list + ":" + key)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String list, String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notOurs(list);
        }
        if (!text.startsWith(list + ":")) {
            throw notOurs(list);
        }
        return text.substring(list.length() + 1);
    }

    private static RequestRejected notOurs(String list) {
        return new RequestRejected(Problem.MALFORMED, "cursor is not one this server returned for the " + list
                + " list; pass the nextCursor of the previous page unchanged");
    }
}
