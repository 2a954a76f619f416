package dev.estserver.service.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.est.AttrOrOID;
import org.bouncycastle.asn1.est.CsrAttrs;

import dev.estserver.service.ca.Der;

/**
 * The {@code /csrattrs} answer of a profile (RFC 7030 §4.5.2, RFC 9908): the DER of a {@code CsrAttrs} sequence, or
 * nothing (204 No Content) when the profile's form is {@code none} or it has nothing to tell a client.
 * <ul>
 * <li>{@code template}: the RFC 9908 template first, then the legacy list. Clients that understand the template use
 * it alone and ignore the rest (RFC 9908 §4); older clients ignore the unknown template attribute and still find
 * the legacy list.</li>
 * <li>{@code legacy}: the RFC 7030 list only.</li>
 * </ul>
 */
public final class CsrAttributes {

    private CsrAttributes() {
    }

    public static Optional<byte[]> encode(Profile profile) {
        CsrRequirements requirements = CsrRequirements.of(profile);
        if (profile.csrAttrs() == CsrAttrsForm.NONE || requirements.isEmpty()) {
            return Optional.empty();
        }
        List<AttrOrOID> items = new ArrayList<>();
        if (profile.csrAttrs() == CsrAttrsForm.TEMPLATE) {
            items.add(new AttrOrOID(CsrTemplate.of(requirements)));
        }
        items.addAll(LegacyCsrAttrs.of(requirements));
        return Optional.of(Der.encode(new CsrAttrs(items.toArray(AttrOrOID[]::new))));
    }
}
