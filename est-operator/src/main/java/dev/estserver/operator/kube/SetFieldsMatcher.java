package dev.estserver.operator.kube;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Whether an object as the API server returns it already says everything the operator wants it to say: every field
 * the operator sets has that value; fields it does not set (defaults the API server fills in, a cluster IP, a
 * controller's annotations, status) are not its business. Lists are compared element by element and must have the
 * same length, so that removing an element is a change. Resource quantities are compared by value, since the API
 * server rewrites them in canonical form ({@code 1000m} becomes {@code 1}).
 */
public final class SetFieldsMatcher {

    private static final String RESOURCES = "resources";

    private SetFieldsMatcher() {
    }

    /** @return empty when they match, else the JSON pointer of the first field that differs */
    public static Optional<String> firstDifference(HasMetadata desired, HasMetadata actual,
            KubernetesSerialization serialization) {
        JsonNode wanted = serialization.convertValue(desired, JsonNode.class);
        JsonNode stored = serialization.convertValue(actual, JsonNode.class);
        for (String section : new String[] {"metadata/labels", "metadata/annotations", "spec", "data", "stringData",
                "type", "automountServiceAccountToken", "rules", "subjects", "roleRef"}) {
            JsonNode want = wanted.at("/" + section);
            if (!want.isMissingNode()) {
                Optional<String> difference = compare("/" + section, want, stored.at("/" + section), false);
                if (difference.isPresent()) {
                    return difference;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> compare(String path, JsonNode want, JsonNode have, boolean quantity) {
        if (want.isNull()) {
            return Optional.empty();
        }
        if (want.isObject()) {
            if (!have.isObject()) {
                return Optional.of(path);
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = want.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                Optional<String> difference = compare(path + "/" + field.getKey(), field.getValue(),
                        have.path(field.getKey()), quantity || RESOURCES.equals(field.getKey()));
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        if (want.isArray()) {
            if (!have.isArray() || have.size() != want.size()) {
                return Optional.of(path);
            }
            for (int i = 0; i < want.size(); i++) {
                Optional<String> difference = compare(path + "/" + i, want.get(i), have.get(i), quantity);
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        if (quantity && want.isTextual() && have.isTextual()) {
            return sameQuantity(want.asText(), have.asText()) ? Optional.empty() : Optional.of(path);
        }
        return want.equals(have) || sameNumber(want, have) ? Optional.empty() : Optional.of(path);
    }

    private static boolean sameQuantity(String want, String have) {
        try {
            BigDecimal a = Quantity.getAmountInBytes(new Quantity(want));
            BigDecimal b = Quantity.getAmountInBytes(new Quantity(have));
            return a.compareTo(b) == 0;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return want.equals(have);
        }
    }

    private static boolean sameNumber(JsonNode want, JsonNode have) {
        return want.isNumber() && have.isNumber() && want.decimalValue().compareTo(have.decimalValue()) == 0;
    }
}
