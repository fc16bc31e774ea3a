package network.shaga.app.setup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PasswordStrengthTest {
    private static PasswordStrength of(String password) {
        return PasswordStrength.of(password.toCharArray());
    }

    @Test
    void ratesByLengthAndVariety() {
        assertThat(of("")).isEqualTo(PasswordStrength.TOO_SHORT);
        assertThat(of("Ab1!xyz")).isEqualTo(PasswordStrength.TOO_SHORT);
        assertThat(of("password")).isEqualTo(PasswordStrength.WEAK);
        assertThat(of("aaaaaaaaaaaaaaaaaaaaaaaa")).as("one character repeated").isEqualTo(PasswordStrength.WEAK);
        assertThat(of("gaming2024")).isEqualTo(PasswordStrength.FAIR);
        assertThat(of("correct-Horse-42")).isEqualTo(PasswordStrength.STRONG);
        assertThat(of("correct horse battery staple")).isEqualTo(PasswordStrength.STRONG);
    }

    @Test
    void onlyTooShortIsRefused() {
        assertThat(PasswordStrength.TOO_SHORT.acceptable()).isFalse();
        assertThat(PasswordStrength.WEAK.acceptable()).isTrue();
        assertThat(PasswordStrength.TOO_SHORT.hint()).contains(String.valueOf(PasswordStrength.MIN_LENGTH));
    }
}
