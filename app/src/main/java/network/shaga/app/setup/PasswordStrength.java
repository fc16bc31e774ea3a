package network.shaga.app.setup;

/** A quick, local estimate of how hard a wallet password is to guess, to coach the user while they type. */
public enum PasswordStrength {
    TOO_SHORT("Too short: use at least " + PasswordStrength.MIN_LENGTH + " characters."),
    WEAK("Weak: easy to guess. Make it longer, or mix words, digits and symbols."),
    FAIR("Fair. A few more characters make it much stronger."),
    STRONG("Strong.");

    /** The shortest password the wallet accepts (the same rule as {@code shaga wallet create}). */
    public static final int MIN_LENGTH = 8;

    private final String hint;

    PasswordStrength(String hint) {
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }

    public boolean acceptable() {
        return this != TOO_SHORT;
    }

    /** Rates by length and variety of character classes; repeats of one character count once. */
    public static PasswordStrength of(char[] password) {
        if (password.length < MIN_LENGTH) {
            return TOO_SHORT;
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        int distinct = 0;
        boolean[] seen = new boolean[Character.MAX_VALUE + 1];
        for (char c : password) {
            lower |= Character.isLowerCase(c);
            upper |= Character.isUpperCase(c);
            digit |= Character.isDigit(c);
            other |= !Character.isLetterOrDigit(c);
            if (!seen[c]) {
                seen[c] = true;
                distinct++;
            }
        }
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        if (distinct < 5) {
            return WEAK;
        }
        int score = Math.min(password.length, 24) + 3 * classes;
        if (score >= 22) {
            return STRONG;
        }
        return score >= 15 ? FAIR : WEAK;
    }
}
