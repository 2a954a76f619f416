package dev.estserver.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HttpResponseReaderTest {

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String body(HttpResponse response) {
        return new String(response.body(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsABodyDelimitedByContentLengthAndStopsAtTheNextResponse() throws Exception {
        InputStream in = stream("HTTP/1.1 200 OK\r\nContent-Type: application/pkcs7-mime\r\nContent-Length: 5\r\n\r\nhello"
                + "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 3\r\n\r\nbad");

        HttpResponse first = HttpResponseReader.read(in);
        HttpResponse second = HttpResponseReader.read(in);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("content-type")).hasValue("application/pkcs7-mime");
        assertThat(body(first)).isEqualTo("hello");
        assertThat(first.closesConnection()).isFalse();
        assertThat(second.status()).isEqualTo(500);
        assertThat(body(second)).isEqualTo("bad");
    }

    @Test
    void joinsChunksIgnoringExtensionsAndKeepsTrailers() throws Exception {
        InputStream in = stream("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;name=value\r\nMIIB\r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n");

        HttpResponse chunked = HttpResponseReader.read(in);

        assertThat(body(chunked)).isEqualTo("MIIB0123456789");
        assertThat(chunked.header("x-trailer")).hasValue("yes");
        assertThat(HttpResponseReader.read(in).status()).isEqualTo(204);
    }

    @Test
    void honoursConnectionClose() throws Exception {
        HttpResponse response = HttpResponseReader.read(
                stream("HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n"));

        assertThat(response.closesConnection()).isTrue();
    }

    @Test
    void readsAnUnframedBodyToTheEndOfTheConnectionWhichThenCannotBeReused() throws Exception {
        HttpResponse response = HttpResponseReader.read(stream("HTTP/1.1 200 OK\r\n\r\nuntil the end"));

        assertThat(body(response)).isEqualTo("until the end");
        assertThat(response.closesConnection()).isTrue();
    }

    @Test
    void treatsHttp10AsClosingUnlessKeptAlive() throws Exception {
        assertThat(HttpResponseReader.read(stream("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")).closesConnection())
                .isTrue();
        assertThat(HttpResponseReader.read(
                stream("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")).closesConnection())
                .isFalse();
    }

    @Test
    void skipsInterimResponses() throws Exception {
        HttpResponse response = HttpResponseReader.read(
                stream("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nRetry-After: 5\r\nContent-Length: 0\r\n\r\n"));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.header("retry-after")).hasValue("5");
    }

    @Test
    void joinsRepeatedFieldsAndAcceptsBareLineFeeds() throws Exception {
        HttpResponse response = HttpResponseReader.read(
                stream("HTTP/1.1 200\nVary: a\nvary: b\nContent-Length: 0\n\n"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("vary")).hasValue("a, b");
    }

    @Test
    void failsWhenTheConnectionEndsInsideTheBody() {
        assertThatThrownBy(() -> HttpResponseReader.read(stream("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort")))
                .isInstanceOf(EOFException.class)
                .hasMessage("connection closed after 5 of 10 body bytes");
    }

    @Test
    void failsWhenTheConnectionEndsBeforeAnyResponse() {
        assertThatThrownBy(() -> HttpResponseReader.read(stream("")))
                .isInstanceOf(EOFException.class)
                .hasMessage("connection closed while reading the status line");
    }

    @Test
    void rejectsWhatIsNotHttp() {
        assertThatThrownBy(() -> HttpResponseReader.read(stream("SSH-2.0-OpenSSH_9.6\r\n")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("expected an HTTP/1.x status line, got 'SSH-2.0-OpenSSH_9.6'");
        assertThatThrownBy(() -> HttpResponseReader.read(stream("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("expected a Content-Length of 0 to 4194304, got '-1'");
        assertThatThrownBy(() -> HttpResponseReader.read(
                stream("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("expected a hexadecimal chunk size, got 'zz'");
    }
}
