package dev.estserver.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each hash costs 19 MiB and tens of milliseconds on purpose, so the tests share one where they can. */
class PasswordHasherTest {

    private static final String PASSWORD = "correct horse battery staple";

    private static String hash;

    @BeforeAll
    static void hashOnce() {
        hash = PasswordHasher.hash(PASSWORD);
    }

    @Test
    void hashIsAnArgon2idPhcStringWithOwaspMinimumParameters() {
        // 16 salt bytes and 32 hash bytes in unpadded base64.
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void verifiesTheRightPassword() {
        assertThat(PasswordHasher.verify(PASSWORD, hash)).isTrue();
    }

    @Test
    void refusesAWrongPassword() {
        assertThat(PasswordHasher.verify(PASSWORD + "!", hash)).isFalse();
        assertThat(PasswordHasher.verify("", hash)).isFalse();
    }

    @Test
    void twoHashesOfTheSamePasswordDifferByTheirSalt() {
        assertThat(PasswordHasher.hash(PASSWORD)).isNotEqualTo(hash);
    }

    @Test
    void readsTheParametersFromTheStoredHash() {
        // Test vector of the Argon2 reference implementation: "password", salt "somesalt", other parameters than ours.
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(PasswordHasher.verify("password", reference)).isTrue();
        assertThat(PasswordHasher.verify("passwort", reference)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "correct horse battery staple",
            "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
            "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA"})
    void refusesStringsThatAreNotArgon2idHashes(String stored) {
        assertThat(PasswordHasher.verify(PASSWORD, stored)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$argon2id$v=19$m=lots,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=19456,t=2,p=1$not*base64$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"})
    void refusesDamagedArgon2idStrings(String stored) {
        assertThat(PasswordHasher.verify(PASSWORD, stored)).isFalse();
    }
}
