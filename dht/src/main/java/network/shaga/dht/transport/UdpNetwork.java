package network.shaga.dht.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real UDP for any number of nodes in one process: one NIO selector thread receives for every
 * endpoint, a small fixed pool runs the nodes' serial schedulers, and one timer thread fires
 * their timeouts. 1000 nodes cost {@code workers + 2} threads. With zero workers the selector
 * thread runs the nodes itself (an event loop), which saves a thread hand-off per packet.
 */
public final class UdpNetwork implements Network {
  private static final System.Logger LOG = System.getLogger(UdpNetwork.class.getName());
  private static final int MAX_DATAGRAM = 65_535;
  /** Datagrams read from one socket per selector turn, so a flooded socket cannot starve others. */
  private static final int READS_PER_TURN = 32;
  private static final int SOCKET_BUFFER = 256 * 1024;

  private final Selector selector;
  private final ExecutorService workers;
  private final Executor pool;
  private final ConcurrentLinkedQueue<Runnable> loopTasks = new ConcurrentLinkedQueue<>();
  private final ScheduledThreadPoolExecutor timer;
  private final Thread selectorThread;
  private final ConcurrentLinkedQueue<UdpEndpoint> toRegister = new ConcurrentLinkedQueue<>();
  /** Timers of an event-loop network (no workers), kept by the selector thread. */
  private final LoopTimers loopTimers = new LoopTimers();
  private volatile boolean closed;

  /** A network with {@code min(4, cores)} worker threads. */
  public static UdpNetwork create() {
    return create(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
  }

  /** A network with the given number of worker threads (0: run nodes on the selector thread). */
  public static UdpNetwork create(int workerThreads) {
    try {
      return new UdpNetwork(workerThreads);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a NIO selector", e);
    }
  }

  private UdpNetwork(int workerThreads) throws IOException {
    this.selector = Selector.open();
    this.workers =
        workerThreads == 0 ? null : Executors.newFixedThreadPool(workerThreads, named("dht-worker"));
    this.pool = workers != null ? workers : this::runOnLoop;
    this.timer = new ScheduledThreadPoolExecutor(1, named("dht-timer"));
    this.timer.setRemoveOnCancelPolicy(true);
    this.selectorThread = named("dht-udp").newThread(this::selectLoop);
    this.selectorThread.start();
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public Scheduler newScheduler() {
    return workers == null ? new SerialScheduler(pool, loopTimers::schedule)
        : new SerialScheduler(pool, timer);
  }

  @Override
  public Endpoint bind(InetSocketAddress address, Scheduler scheduler, DatagramHandler handler)
      throws IOException {
    if (closed) {
      throw new IOException("network closed");
    }
    DatagramChannel channel =
        DatagramChannel.open(
            address.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
    try {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
      channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
      channel.configureBlocking(false);
      channel.bind(address);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    UdpEndpoint endpoint =
        new UdpEndpoint(channel, (InetSocketAddress) channel.getLocalAddress(), scheduler, handler);
    toRegister.add(endpoint);
    selector.wakeup();
    return endpoint;
  }

  private void runOnLoop(Runnable task) {
    loopTasks.add(task);
    if (Thread.currentThread() != selectorThread) {
      selector.wakeup();
    }
  }

  private void selectLoop() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    while (!closed) {
      try {
        long nextTimer = loopTimers.fireDue(System.nanoTime());
        if (!loopTasks.isEmpty()) {
          selector.selectNow();
        } else if (nextTimer < 0) {
          selector.select();
        } else {
          selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTimer + 999_999)));
        }
        registerPending();
        for (SelectionKey key : selector.selectedKeys()) {
          if (key.isValid() && key.isReadable()) {
            readSome((UdpEndpoint) key.attachment(), buffer);
          }
        }
        selector.selectedKeys().clear();
        runLoopTasks();
      } catch (IOException | RuntimeException e) {
        if (!closed) {
          LOG.log(System.Logger.Level.WARNING, "selector loop error", e);
        }
      }
    }
  }

  private void runLoopTasks() {
    // Bounded per turn so that sockets are polled again even under a task storm.
    for (int i = 0; i < 4096; i++) {
      Runnable task = loopTasks.poll();
      if (task == null) {
        return;
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "node task failed", e);
      }
    }
  }

  private void registerPending() {
    UdpEndpoint endpoint;
    while ((endpoint = toRegister.poll()) != null) {
      try {
        endpoint.channel.register(selector, SelectionKey.OP_READ, endpoint);
      } catch (ClosedChannelException e) {
        // closed before it was registered: nothing to read from
      }
    }
  }

  private static void readSome(UdpEndpoint endpoint, ByteBuffer buffer) {
    for (int i = 0; i < READS_PER_TURN; i++) {
      buffer.clear();
      SocketAddress from;
      try {
        from = endpoint.channel.receive(buffer);
      } catch (IOException e) {
        return;
      }
      if (from == null) {
        return;
      }
      buffer.flip();
      byte[] data = new byte[buffer.remaining()];
      buffer.get(data);
      endpoint.deliver((InetSocketAddress) from, data);
    }
  }

  @Override
  public void close() {
    closed = true;
    selector.wakeup();
    try {
      if (Thread.currentThread() != selectorThread) {
        selectorThread.join(1000);
      }
      selector.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "selector close", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timer.shutdownNow();
    if (workers != null) {
      workers.shutdown();
      try {
        workers.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      workers.shutdownNow();
    }
  }

  /**
   * Timers of an event-loop network, in a heap only the selector thread touches: a request's
   * timeout costs no lock and no timer-thread wake-up, and the loop sleeps until the next one is
   * due. A cancelled timer stays in the heap until it reaches the top or a purge.
   */
  private final class LoopTimers {
    private final PriorityQueue<Timer> heap = new PriorityQueue<>();
    /** Cancelled timers still in the heap. */
    private int cancelled;
    private long sequence;

    private final class Timer implements Comparable<Timer>, Scheduler.Cancellable {
      final long deadline;
      final Runnable fire;
      long order;
      boolean off;

      Timer(long deadline, Runnable fire) {
        this.deadline = deadline;
        this.fire = fire;
      }

      @Override
      public int compareTo(Timer o) {
        int c = Long.compare(deadline - o.deadline, 0);
        return c != 0 ? c : Long.compare(order, o.order);
      }

      @Override
      public void cancel() {
        if (Thread.currentThread() != selectorThread) {
          runOnLoop(this::cancel);
        } else if (!off) {
          off = true;
          cancelled++;
        }
      }
    }

    Scheduler.Cancellable schedule(long delayNanos, Runnable fire) {
      if (closed) {
        throw new RejectedExecutionException("network closed");
      }
      Timer t = new Timer(System.nanoTime() + delayNanos, fire);
      if (Thread.currentThread() == selectorThread) {
        add(t);
      } else {
        runOnLoop(() -> add(t));
      }
      return t;
    }

    private void add(Timer t) {
      t.order = sequence++;
      heap.add(t);
      if (cancelled > 1024 && cancelled > heap.size() / 2) {
        heap.removeIf(x -> x.off);
        cancelled = 0;
      }
    }

    /** Fires the due timers; returns the nanoseconds until the next one, or -1 if none. */
    long fireDue(long now) {
      Timer t;
      while ((t = heap.peek()) != null) {
        if (t.off) {
          heap.poll();
          cancelled--;
        } else if (t.deadline - now > 0) {
          return t.deadline - now;
        } else {
          heap.poll();
          t.off = true;
          try {
            t.fire.run();
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "timer failed", e);
          }
        }
      }
      return -1;
    }
  }

  private static final class UdpEndpoint implements Endpoint {
    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final Scheduler scheduler;
    private final DatagramHandler handler;
    private volatile boolean open = true;

    UdpEndpoint(
        DatagramChannel channel,
        InetSocketAddress local,
        Scheduler scheduler,
        DatagramHandler handler) {
      this.channel = channel;
      this.local = local;
      this.scheduler = scheduler;
      this.handler = handler;
    }

    void deliver(InetSocketAddress from, byte[] data) {
      scheduler.execute(
          () -> {
            if (open) {
              handler.onDatagram(from, data);
            }
          });
    }

    @Override
    public InetSocketAddress localAddress() {
      return local;
    }

    @Override
    public void send(InetSocketAddress to, byte[] data) {
      send(to, data, data.length);
    }

    /** Sent at once: the socket copies the bytes, so {@code data} is not kept. */
    @Override
    public void send(InetSocketAddress to, byte[] data, int length) {
      if (!open) {
        return;
      }
      try {
        channel.send(ByteBuffer.wrap(data, 0, length), to);
      } catch (IOException | RuntimeException e) {
        // UDP is best effort: an unreachable or unresolvable peer is a lost datagram.
        LOG.log(System.Logger.Level.TRACE, "send to " + to + " failed: " + e);
      }
    }

    @Override
    public void close() {
      open = false;
      try {
        channel.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "close " + local, e);
      }
    }
  }
}
