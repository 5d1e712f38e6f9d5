/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import com.pixelmed.dicom.StoredFilePathStrategy;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationStatusHandler;
import com.pixelmed.network.ReceivedObjectHandler;
import com.pixelmed.network.StorageSOPClassSCP;
import com.pixelmed.network.UnencapsulatedExplicitStorePresentationContextSelectionPolicy;
import io.segsurv.audit.Actor;
import io.segsurv.dicom.Deidentifier;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The DICOM Storage SCP (C-STORE receiver) of a web node: one listening port (default 11112),
 * routing by called AE title to a cohort ({@link DicomRouteService}); an unknown called AE is
 * rejected. Objects received in one association are imported together, through the same pipeline
 * as uploads, when the association is released. PixelMed's own dispatcher binds every interface,
 * so the accept loop is ours and the bind address is configurable (127.0.0.1 by default).
 */
@Component
@ConditionalOnProperty(name = "segsurv.dicom.enabled", havingValue = "true", matchIfMissing = false)
public class StorageScp implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(StorageScp.class);
    private static final String UNKNOWN_AE = "SEGSURV-UNKNOWN";

    private final DicomRouteService routes;
    private final ImportService imports;
    private final int configuredPort;
    private final String bind;
    private final Path spool;
    private final AtomicInteger associations = new AtomicInteger();
    private volatile ServerSocket server;
    private ExecutorService pool;

    public StorageScp(DicomRouteService routes, ImportService imports, @Value("${segsurv.dicom.port:11112}") int port,
                      @Value("${segsurv.dicom.bind:127.0.0.1}") String bind, @Value("${segsurv.data-dir}") Path dataDir) {
        this.routes = routes;
        this.imports = imports;
        this.configuredPort = port;
        this.bind = bind;
        this.spool = dataDir.resolve("incoming");
    }

    /** The port actually listened on (useful when configured as 0). */
    public int port() {
        return server == null ? -1 : server.getLocalPort();
    }

    @Override
    public void start() {
        try {
            server = new ServerSocket(configuredPort, 50, InetAddress.getByName(bind));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen for DICOM on " + bind + ":" + configuredPort + ": " + e.getMessage(), e);
        }
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dicom-scp");
            t.setDaemon(true);
            return t;
        });
        pool.submit(this::acceptLoop);
        LOG.info("DICOM Storage SCP listening on {}:{} (routes by called AE title)", bind, port());
    }

    private void acceptLoop() {
        while (server != null && !server.isClosed()) {
            try {
                Socket socket = server.accept();
                pool.submit(() -> handle(socket));
            } catch (IOException e) {
                if (server != null && !server.isClosed()) {
                    LOG.warn("DICOM accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void handle(Socket raw) {
        Path folder = null;
        try {
            raw.setSoTimeout(60_000);
            raw.setTcpNoDelay(true);
            PeekedSocket socket = PeekedSocket.peek(raw);
            var route = routes.resolve(socket.calledAeTitle());
            String accepted = route.isPresent() ? socket.calledAeTitle() : UNKNOWN_AE;
            if (route.isEmpty()) {
                LOG.warn("DICOM association from {} to unknown AE title '{}' rejected", raw.getInetAddress(), socket.calledAeTitle());
            }
            Files.createDirectories(spool);
            folder = Files.createTempDirectory(spool, "assoc-" + associations.incrementAndGet() + "-");
            Path received = folder;
            AtomicInteger count = new AtomicInteger();
            ReceivedObjectHandler onObject = new ReceivedObjectHandler() {
                @Override
                public void sendReceivedObjectIndication(String fileName, String transferSyntax, String callingAe) {
                    count.incrementAndGet();
                }
            };
            AssociationStatusHandler onRelease = new AssociationStatusHandler() {
                @Override
                public void sendAssociationReleaseIndication(Association association) {
                    route.ifPresent(r -> {
                        var report = imports.importFiles(new ImportService.Request(r.cohortId(), received, null, ImportService.Source.CSTORE,
                                new Actor(null, "dicom:" + association.getCallingAETitle(), String.valueOf(raw.getInetAddress())),
                                Deidentifier.Dates.SHIFT, TumourRule.DEFAULT), null);
                        LOG.info("DICOM from {} to {}: {} object(s); {}", association.getCallingAETitle(), r.aeTitle(), count.get(),
                                report.lines().getFirst());
                    });
                }
            };
            new StorageSOPClassSCP(socket, accepted, 65536, 65536, 65536, folder.toFile(), StoredFilePathStrategy.BYSOPINSTANCEUIDINSINGLEFOLDER,
                    onObject, onRelease, null, null, null, new UnencapsulatedExplicitStorePresentationContextSelectionPolicy(), 0).run();
        } catch (Exception e) {
            LOG.warn("DICOM association from {} failed: {}", raw.getInetAddress(), e.getMessage());
        } finally {
            try {
                raw.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            delete(folder);
        }
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(folder)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", folder, e.getMessage());
        }
    }

    @Override
    public void stop() {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // stopping
            }
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
