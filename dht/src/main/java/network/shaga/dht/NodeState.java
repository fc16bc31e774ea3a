package network.shaga.dht;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import network.shaga.dht.krpc.NodeInfo;

/** The node id and routing snapshot kept in the data directory for a warm restart. */
final class NodeState {
  private static final System.Logger LOG = System.getLogger(NodeState.class.getName());
  private static final String ID_FILE = "node-id";
  private static final String ROUTING_FILE = "routing-table";

  private final Path dir;

  NodeState(Path dir) {
    this.dir = dir;
  }

  Optional<NodeId> loadId() {
    Path file = dir.resolve(ID_FILE);
    try {
      if (Files.exists(file)) {
        return Optional.of(NodeId.ofHex(Files.readString(file, StandardCharsets.US_ASCII).trim()));
      }
    } catch (IOException | IllegalArgumentException e) {
      LOG.log(System.Logger.Level.WARNING, "unreadable node id in " + file + ", picking a new one", e);
    }
    return Optional.empty();
  }

  void saveId(NodeId id) {
    write(ID_FILE, id.toHex() + "\n");
  }

  /** Contacts of the last snapshot; unreadable lines are skipped. */
  List<NodeInfo> loadContacts() {
    Path file = dir.resolve(ROUTING_FILE);
    List<NodeInfo> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 3) {
          continue;
        }
        try {
          out.add(new NodeInfo(NodeId.ofHex(parts[0]),
              new InetSocketAddress(InetAddress.getByName(parts[1]), Integer.parseInt(parts[2]))));
        } catch (IOException | IllegalArgumentException e) {
          LOG.log(System.Logger.Level.DEBUG, "skipping snapshot line " + line);
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot read " + file, e);
    }
    return out;
  }

  void saveContacts(List<NodeInfo> contacts) {
    StringBuilder sb = new StringBuilder(contacts.size() * 64);
    for (NodeInfo n : contacts) {
      sb.append(n.id().toHex()).append(' ')
          .append(n.address().getAddress().getHostAddress()).append(' ')
          .append(n.address().getPort()).append('\n');
    }
    write(ROUTING_FILE, sb.toString());
  }

  private void write(String name, String content) {
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(name + ".tmp");
      Files.writeString(tmp, content, StandardCharsets.US_ASCII);
      Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot write " + name + " in " + dir, e);
    }
  }
}
