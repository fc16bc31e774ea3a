package network.shaga.app.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** USDC amounts: 6 decimals on chain, so one USDC is 1 000 000 micro-units. */
public final class Usdc {
    public static final int DECIMALS = 6;
    private static final BigDecimal MICRO_PER_USDC = BigDecimal.TEN.pow(DECIMALS);

    private Usdc() {
    }

    /** Parses a decimal amount such as {@code 1.25} into micro-units; more than 6 decimals or a negative amount is refused. */
    public static long parseMicro(String text) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an amount of USDC: '" + text + "' (e.g. 1.25)");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("a USDC amount cannot be negative: " + text);
        }
        if (amount.stripTrailingZeros().scale() > DECIMALS) {
            throw new IllegalArgumentException("USDC has 6 decimals; " + text + " has more");
        }
        try {
            return amount.multiply(MICRO_PER_USDC).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount too large: " + text);
        }
    }

    /** Formats micro-units as a decimal without trailing zeros, e.g. {@code 1250000 -> 1.25}. */
    public static String format(long micro) {
        return BigDecimal.valueOf(micro).divide(MICRO_PER_USDC, DECIMALS, RoundingMode.UNNECESSARY).stripTrailingZeros().toPlainString();
    }

    public static double toDouble(long micro) {
        return micro / 1e6;
    }
}
