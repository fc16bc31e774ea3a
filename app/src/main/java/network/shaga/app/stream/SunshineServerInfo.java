package network.shaga.app.stream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** What a Sunshine host says about itself on {@code /serverinfo}. */
public record SunshineServerInfo(
        String hostname,
        String version,
        String uniqueId,
        long codecModeSupport,
        boolean busy,
        int currentGame) {

    private static final int MAX_XML_BYTES = 64 * 1024;

    public Set<VideoCodec> codecs() {
        return VideoCodec.fromModeSupport(codecModeSupport);
    }

    /** Parses the XML body; external entities and DTDs are refused. */
    public static SunshineServerInfo parse(byte[] xml) throws IOException {
        if (xml.length > MAX_XML_BYTES) {
            throw new IOException("serverinfo answer is too large (" + xml.length + " bytes)");
        }
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            document = builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("serverinfo answer is not valid XML: " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        String status = root.getAttribute("status_code");
        if (!status.isEmpty() && !status.equals("200")) {
            throw new IOException("Sunshine answered serverinfo with status " + status + " " + root.getAttribute("status_message"));
        }
        String state = text(root, "state").orElse("");
        return new SunshineServerInfo(
                text(root, "hostname").orElse(""),
                text(root, "appversion").orElse(""),
                text(root, "uniqueid").orElse(""),
                text(root, "ServerCodecModeSupport").map(SunshineServerInfo::parseLong).orElse(VideoCodec.H264.bit() * 1L),
                state.endsWith("_SERVER_BUSY"),
                text(root, "currentgame").map(value -> (int) parseLong(value)).orElse(0));
    }

    private static Optional<String> text(Element root, String tag) {
        NodeList nodes = root.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? Optional.empty() : Optional.of(nodes.item(0).getTextContent().trim());
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
