package network.shaga.app.cli;

import java.net.InetSocketAddress;
import network.shaga.app.net.Endpoints;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converts one {@code HOST:PORT} of a comma-separated option; a bad value is a usage error (exit 2). */
final class EndpointConverter implements ITypeConverter<InetSocketAddress> {
    @Override
    public InetSocketAddress convert(String value) {
        try {
            return Endpoints.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
