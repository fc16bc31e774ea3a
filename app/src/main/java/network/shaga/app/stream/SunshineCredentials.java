package network.shaga.app.stream;

/** The Sunshine web UI's admin user name and password (kept in the keystore, never in plain files). */
public record SunshineCredentials(String username, String password) {
    public SunshineCredentials {
        if (username == null || username.isBlank() || password == null) {
            throw new IllegalArgumentException("Sunshine credentials need a user name and a password");
        }
    }

    @Override
    public String toString() {
        return "SunshineCredentials[username=" + username + ", password=***]";
    }
}
