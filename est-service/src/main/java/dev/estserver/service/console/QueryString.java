package dev.estserver.service.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The filters of a list page as the query string of its next page's link: {@code &name=value} for each set. */
final class QueryString {

    private final StringBuilder query = new StringBuilder();

    QueryString with(String name, String value) {
        if (value != null) {
            query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return this;
    }

    @Override
    public String toString() {
        return query.toString();
    }
}
