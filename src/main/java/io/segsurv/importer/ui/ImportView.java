/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import io.segsurv.audit.Actor;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ui.Notify;
import io.segsurv.cohort.Cohort;
import io.segsurv.cohort.CohortService;
import io.segsurv.dicom.Deidentifier;
import io.segsurv.importer.DicomRouteService;
import io.segsurv.importer.ImportReport;
import io.segsurv.importer.ImportService;
import io.segsurv.importer.SafeZip;
import io.segsurv.importer.TumourRule;
import io.segsurv.project.ProjectAccess;
import io.segsurv.security.CurrentUser;
import jakarta.annotation.security.PermitAll;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Browser upload into a cohort (PI and RESEARCHER): zips or DICOM files plus an optional clinical
 * CSV; the import runs in the background with a progress bar and ends with a per-file report.
 */
@Route("cohorts/:cohortId/import")
@PageTitle("Import | SegSurv")
@PermitAll
public class ImportView extends VerticalLayout implements BeforeEnterObserver {

    private final CohortService cohorts;
    private final ImportService imports;
    private final ProjectAccess access;
    private final CurrentUser currentUser;
    private final DicomRouteService routes;
    private final List<Uploaded> uploaded = new ArrayList<>();
    private final ProgressBar progress = new ProgressBar();
    private final Span status = new Span();
    private final VerticalLayout result = new VerticalLayout();
    private Cohort cohort;

    private record Uploaded(String name, File file) {
    }

    ImportView(CohortService cohorts, ImportService imports, ProjectAccess access, CurrentUser currentUser, DicomRouteService routes) {
        this.routes = routes;
        this.cohorts = cohorts;
        this.imports = imports;
        this.access = access;
        this.currentUser = currentUser;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("cohortId").orElseThrow(() -> new NotFoundException("Not a cohort id"));
        cohort = cohorts.get(id);
        access.requireManageData(cohort.projectId());
        build();
    }

    private void build() {
        removeAll();
        add(new H2("Import into " + cohort.name()), new Paragraph("Upload zip archives or DICOM files (CT, PET, RTSTRUCT; any file names "
                + "and folder layout) and, optionally, the clinical table as CSV (the NSCLC-Radiomics layout is recognised). "
                + "Files are de-identified before they are stored; a patient with a problem is not stored at all."));
        Upload upload = new Upload(UploadHandler.toTempFile((metadata, file) -> {
            synchronized (uploaded) {
                uploaded.add(new Uploaded(metadata.fileName(), file));
            }
        }));
        upload.setMaxFileSize(Integer.MAX_VALUE);
        upload.setId("import-upload");
        Button start = new Button("Import", e -> start());
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.setId("import-start");
        progress.setVisible(false);
        progress.setId("import-progress");
        status.setId("import-status");
        result.setPadding(false);
        add(upload, start, progress, status, result, networkSection());
    }

    /** Receiving over the network: which called AE titles deliver into this cohort. */
    private VerticalLayout networkSection() {
        VerticalLayout section = new VerticalLayout();
        section.setPadding(false);
        section.add(new H3("Receive over the DICOM network"), new Paragraph("Send with C-STORE (e.g. storescu) to this server's DICOM port, "
                + "called AE title below; everything received in one association is imported like an upload."));
        Grid<DicomRouteService.Route> grid = new Grid<>(DicomRouteService.Route.class, false);
        grid.addColumn(DicomRouteService.Route::aeTitle).setHeader("Called AE title");
        grid.addColumn(DicomRouteService.Route::cohortName).setHeader("Cohort");
        grid.setAllRowsVisible(true);
        grid.setItems(routes.list(cohort.projectId()));
        com.vaadin.flow.component.textfield.TextField ae = new com.vaadin.flow.component.textfield.TextField("AE title");
        ae.setId("route-ae");
        Button add = new Button("Route to this cohort", e -> {
            try {
                routes.set(ae.getValue(), cohort.id());
                grid.setItems(routes.list(cohort.projectId()));
                ae.clear();
            } catch (io.segsurv.base.ValidationException ex) {
                Notify.error(ex.getMessage());
            }
        });
        add.setId("route-add");
        com.vaadin.flow.component.orderedlayout.HorizontalLayout form = new com.vaadin.flow.component.orderedlayout.HorizontalLayout(ae, add);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        section.add(grid, form);
        return section;
    }

    private void start() {
        List<Uploaded> files;
        synchronized (uploaded) {
            files = List.copyOf(uploaded);
            uploaded.clear();
        }
        if (files.isEmpty()) {
            Notify.error("Upload at least one file first");
            return;
        }
        access.requireManageData(cohort.projectId());
        Actor actor = currentUser.actor();
        UI ui = UI.getCurrent();
        progress.setVisible(true);
        progress.setIndeterminate(true);
        status.setText("Unpacking " + files.size() + " upload(s)…");
        result.removeAll();
        long cohortId = cohort.id();
        Thread.ofVirtual().name("import-upload").start(() -> {
            Path dir = null;
            try {
                dir = Files.createTempDirectory("segsurv-upload");
                Path clinical = null;
                for (Uploaded u : files) {
                    String lower = u.name().toLowerCase(Locale.ROOT);
                    if (lower.endsWith(".zip")) {
                        try (InputStream in = Files.newInputStream(u.file().toPath())) {
                            SafeZip.extract(in, u.file().length(), u.name(), dir.resolve("zip-" + safe(u.name())), SafeZip.Limits.DEFAULT);
                        }
                    } else if (lower.endsWith(".csv")) {
                        clinical = Files.createTempFile("clinical", ".csv");
                        Files.copy(u.file().toPath(), clinical, StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        Path target = dir.resolve("files").resolve(safe(u.name()));
                        Files.createDirectories(target.getParent());
                        Files.copy(u.file().toPath(), uniquify(target));
                    }
                }
                ImportReport report = imports.importFiles(new ImportService.Request(cohortId, dir, clinical, ImportService.Source.UPLOAD,
                        actor, Deidentifier.Dates.SHIFT, TumourRule.DEFAULT), p -> ui.access(() -> {
                            progress.setIndeterminate(false);
                            progress.setValue(p.total() == 0 ? 1 : (double) p.done() / p.total());
                            status.setText(p.step());
                        }));
                ui.access(() -> show(report));
                if (clinical != null) {
                    Files.deleteIfExists(clinical);
                }
            } catch (IOException | RuntimeException e) {
                ui.access(() -> {
                    progress.setVisible(false);
                    status.setText("Import failed: " + e.getMessage());
                    Notify.error(e.getMessage());
                });
            } finally {
                files.forEach(u -> u.file().delete());
                delete(dir);
            }
        });
    }

    private void show(ImportReport report) {
        progress.setValue(1);
        progress.setVisible(false);
        status.setText(report.lines().getFirst());
        result.removeAll();
        result.add(new H3("Patients"));
        Grid<ImportReport.PatientResult> patients = new Grid<>(ImportReport.PatientResult.class, false);
        patients.addColumn(ImportReport.PatientResult::patient).setHeader("Patient");
        patients.addColumn(p -> p.status().name()).setHeader("Status");
        patients.addColumn(ImportReport.PatientResult::files).setHeader("Files");
        patients.addColumn(p -> p.tumourCt() == null ? "" : p.tumourCt()).setHeader("CT tumour ROI");
        patients.addColumn(p -> String.join("; ", p.problems())).setHeader("Problems").setFlexGrow(3);
        patients.addColumn(p -> String.join("; ", p.warnings())).setHeader("Warnings").setFlexGrow(3);
        patients.setItems(report.patients());
        patients.setAllRowsVisible(true);
        patients.setId("import-patients");
        Grid<ImportReport.FileResult> fileGrid = new Grid<>(ImportReport.FileResult.class, false);
        fileGrid.addColumn(ImportReport.FileResult::file).setHeader("File").setFlexGrow(2);
        fileGrid.addColumn(f -> f.status().name()).setHeader("Status");
        fileGrid.addColumn(ImportReport.FileResult::message).setHeader("Message").setFlexGrow(3);
        fileGrid.setItems(report.files());
        fileGrid.setHeight("24rem");
        fileGrid.setId("import-files");
        result.add(patients, new H3("Files"), fileGrid);
        report.clinical().forEach(c -> result.add(new Paragraph("Clinical: " + c)));
    }

    private static String safe(String name) {
        String base = Path.of(name.replace('\\', '/')).getFileName().toString();
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static Path uniquify(Path target) {
        Path p = target;
        for (int i = 1; Files.exists(p); i++) {
            p = target.resolveSibling(target.getFileName() + "." + i);
        }
        return p;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // temporary files: the OS cleans up what remains
        }
    }
}
