package dev.estserver.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** An OCSP client (RFC 6960) for tests: builds requests with BouncyCastle and sends them to {@code /ocsp}. */
public final class Ocsp {

    public static final String URL = EstClient.ROOT + "/ocsp";

    private Ocsp() {
    }

    /** A request about {@code serial} under {@code ca}, with a nonce extension when {@code nonce} is not null. */
    public static OCSPReq request(X509Certificate ca, BigInteger serial, byte[] nonce) {
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new X509CertificateHolder(ca.getEncoded()), serial);
            OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
            if (nonce != null) {
                builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                        false, new DEROctetString(nonce))));
            }
            return builder.build();
        } catch (OCSPException | OperatorCreationException | CertificateEncodingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<byte[]> post(byte[] request) {
        return EstClient.anonymous().postUrl(URL, "application/ocsp-request", request);
    }

    /** Posts the request and returns the response, checked to be an OCSP response over HTTP 200. */
    public static OCSPResp ask(OCSPReq request) {
        try {
            return parse(post(request.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OCSPResp parse(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as("HTTP status, body: %s", EstClient.text(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
        try {
            return new OCSPResp(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
