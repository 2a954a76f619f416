package dev.estserver.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console over plain HTTPS, as a browser holds it (a session cookie), for tests that forge or replay what a
 * browser would never send.
 */
public final class ConsoleClient {

    public static final String SESSION_COOKIE = "__Host-est-console";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile(SESSION_COOKIE + "=([^;]+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().sslContext(TestTls.context())
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ConsoleClient() {
    }

    /** The sign-in form as a browser submits it: its page first (the form's cookie and token), then the form. */
    public static HttpResponse<String> signIn(String token) {
        return submitSignIn(HTTP, "/console/sign-in", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** The sign-in with the client certificate {@code http} presents, as the sign-in page's button posts it. */
    public static HttpResponse<String> signInWithCertificate(HttpClient http) {
        return submitSignIn(http, "/console/sign-in/certificate", "");
    }

    /**
     * A form of the sign-in page posted to {@code action} with {@code fields} and the form's token and cookie, from
     * a client that presents no certificate.
     */
    public static HttpResponse<String> submitSignIn(String action, String fields) {
        return submitSignIn(HTTP, action, fields);
    }

    private static HttpResponse<String> submitSignIn(HttpClient http, String action, String fields) {
        HttpResponse<String> page = send(http, HttpRequest.newBuilder(URI.create(EstClient.ROOT + "/console/sign-in")));
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("the sign-in form's token").isTrue();
        String formCookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return send(http, HttpRequest.newBuilder(URI.create(EstClient.ROOT + action))
                .header("Cookie", formCookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString((fields.isEmpty() ? "" : fields + "&") + "csrf="
                        + csrf.group(1))));
    }

    /** A page asked for over {@code http}, with its own TLS client certificate. */
    public static HttpResponse<String> get(HttpClient http, String secret, String path) {
        return send(http, withSession(HttpRequest.newBuilder(URI.create(EstClient.ROOT + path)), secret));
    }

    /** The session secret a sign-in set in its cookie. */
    public static String secret(HttpResponse<String> signedIn) {
        return signedIn.headers().allValues("Set-Cookie").stream().map(SESSION::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).findFirst().orElseThrow(() -> new AssertionError("no session cookie: "
                        + signedIn.statusCode() + " " + signedIn.body()));
    }

    /** @param secret the session's cookie value; null for none */
    public static HttpResponse<String> get(String secret, String path) {
        return send(withSession(HttpRequest.newBuilder(URI.create(EstClient.ROOT + path)), secret));
    }

    /** A form posted with the session's cookie and nothing else a browser would add. */
    public static HttpResponse<String> post(String secret, String path, String form) {
        return send(withSession(HttpRequest.newBuilder(URI.create(EstClient.ROOT + path)), secret)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpRequest.Builder withSession(HttpRequest.Builder request, String secret) {
        return secret == null ? request : request.header("Cookie", SESSION_COOKIE + "=" + secret);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return send(HTTP, request);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
