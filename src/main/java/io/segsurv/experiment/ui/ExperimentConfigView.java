/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import io.segsurv.base.ui.EmptyState;
import io.segsurv.base.ui.Notify;
import io.segsurv.cohort.Cohort;
import io.segsurv.cohort.CohortService;
import io.segsurv.experiment.Experiment;
import io.segsurv.experiment.ExperimentConfig;
import io.segsurv.experiment.ExperimentService;
import io.segsurv.model.ModelService;
import io.segsurv.model.ModelSettings;
import io.segsurv.model.SegmentationModels;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectAccess;
import io.segsurv.project.ProjectService;
import io.segsurv.project.ui.CurrentProject;
import io.segsurv.project.ui.NoProject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/**
 * Experiment configuration (PI and RESEARCHER only). {@code experiments/new/configure} creates an
 * experiment in the current project; {@code experiments/ID/configure} edits one, making a new
 * version if the current one has already been run.
 */
@Route("experiments/:experimentId/configure")
@PageTitle("Configure experiment | SegSurv")
@PermitAll
public class ExperimentConfigView extends VerticalLayout implements BeforeEnterObserver {

    private final ExperimentService experiments;
    private final CohortService cohorts;
    private final ProjectService projects;
    private final ProjectAccess access;

    private final TextField name = new TextField("Name");
    private final TextArea description = new TextArea("Description");
    private final Select<Cohort> training = new Select<>();
    private final Select<Cohort> external = new Select<>();
    private final CheckboxGroup<String> modalities = new CheckboxGroup<>("Modalities");
    private final CheckboxGroup<String> endpoints = new CheckboxGroup<>("Endpoints");
    private final IntegerField folds = new IntegerField("Folds");
    private final IntegerField repeats = new IntegerField("Repeats");
    private final IntegerField kMin = new IntegerField("k from");
    private final IntegerField kMax = new IntegerField("k to");
    private final IntegerField restarts = new IntegerField("Restarts per k");
    private final Select<String> lambdaRule = new Select<>();
    private final NumberField fixedLambda = new NumberField("Fixed lambda");
    private final Select<String> family = new Select<>();
    private final IntegerField seed = new IntegerField("Seed");
    private final IntegerField innerFolds = new IntegerField("Inner folds (lambda)");
    private final Checkbox balanced = new Checkbox("Balanced test folds (stratified by outcome)");
    private final Select<String> silhouette = new Select<>();
    private final CheckboxGroup<String> baselines = new CheckboxGroup<>("Baselines");
    private final Checkbox permute = new Checkbox("Permuted labels (negative control)");
    private final Select<String> networkSize = new Select<>();
    private final IntegerField epochs = new IntegerField("Epochs");
    private final NumberField learningRate = new NumberField("Learning rate");
    private final IntegerField networkSeed = new IntegerField("Network seed");
    private final Select<String> device = new Select<>();
    private final Select<String> ctModel = new Select<>();
    private final Select<String> petModel = new Select<>();
    private final ModelService models;

    ExperimentConfigView(ExperimentService experiments, CohortService cohorts, ProjectService projects, ProjectAccess access,
            ModelService models) {
        this.experiments = experiments;
        this.cohorts = cohorts;
        this.projects = projects;
        this.access = access;
        this.models = models;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String param = event.getRouteParameters().get("experimentId").orElse("new");
        Experiment existing = null;
        long projectId;
        if ("new".equals(param)) {
            Project project = CurrentProject.resolve(projects).orElse(null);
            if (project == null) {
                add(new H2("New experiment"), NoProject.state("Experiments"));
                return;
            }
            projectId = project.id();
        } else {
            long id;
            try {
                id = Long.parseLong(param);
            } catch (NumberFormatException e) {
                throw new NotFoundException("Not an experiment id: " + param);
            }
            existing = experiments.get(id);
            projectId = existing.projectId();
        }
        access.requireManageData(projectId); // clinicians get "Not allowed", non-members "Not found"
        CurrentProject.set(projectId);
        build(projectId, existing);
    }

    private void build(long projectId, Experiment existing) {
        add(new H2(existing == null ? "New experiment" : "Configure " + existing.name()));
        List<Cohort> all = cohorts.list(projectId, 0, 1000);
        if (all.isEmpty()) {
            add(new EmptyState("Create a cohort first", "An experiment is trained and cross-validated on a cohort of this project."));
            return;
        }
        if (existing != null && existing.latestLocked()) {
            add(new Paragraph("Version " + existing.latestVersion() + " has been run and is frozen; saving creates version "
                    + (existing.latestVersion() + 1) + "."));
        }
        ExperimentConfig c = existing != null ? existing.config() : ExperimentConfig.paperDefaults(all.getFirst().id());
        name.setValue(existing == null ? "" : existing.name());
        name.setReadOnly(existing != null);
        name.setId("experiment-name");
        description.setValue(existing == null ? "" : existing.description());
        training.setLabel("Training cohort (cross-validation)");
        training.setItems(all);
        training.setItemLabelGenerator(Cohort::name);
        training.setValue(all.stream().filter(x -> x.id() == c.trainingCohortId()).findFirst().orElse(all.getFirst()));
        external.setLabel("External validation cohort");
        external.setEmptySelectionAllowed(true);
        external.setEmptySelectionCaption("None");
        external.setItems(all);
        external.setItemLabelGenerator(x -> x == null ? "None" : x.name());
        external.setValue(all.stream().filter(x -> c.externalCohortId() != null && x.id() == c.externalCohortId()).findFirst().orElse(null));
        modalities.setItems(ExperimentConfig.ALL_MODALITIES);
        modalities.setValue(java.util.Set.copyOf(c.modalities()));
        endpoints.setItems(ExperimentConfig.ALL_ENDPOINTS);
        endpoints.setValue(java.util.Set.copyOf(c.endpoints()));
        folds.setValue(c.folds());
        repeats.setValue(c.repeats());
        folds.setId("folds");
        kMin.setId("k-min");
        kMax.setId("k-max");
        restarts.setId("restarts");
        innerFolds.setId("inner-folds");
        epochs.setId("epochs");
        networkSize.setId("network-size");
        kMin.setValue(c.kMin());
        kMax.setValue(c.kMax());
        restarts.setValue(c.restarts());
        lambdaRule.setLabel("LASSO lambda");
        lambdaRule.setItems(ExperimentConfig.LAMBDA_RULES);
        lambdaRule.setValue(c.lambdaRule());
        fixedLambda.setValue(c.fixedLambda());
        family.setLabel("LASSO family");
        family.setItems(ExperimentConfig.FAMILIES);
        family.setValue(c.lassoFamily());
        seed.setValue((int) c.seed());
        innerFolds.setValue(c.innerFolds());
        balanced.setValue(c.balancedFolds());
        silhouette.setLabel("Silhouette choosing k");
        silhouette.setItems(ExperimentConfig.SILHOUETTES);
        silhouette.setValue(c.silhouette());
        baselines.setItems(ExperimentConfig.ALL_BASELINES);
        baselines.setValue(java.util.Set.copyOf(c.baselines()));
        permute.setValue(c.permuteLabels());
        fixedLambda.setVisible("fixed".equals(c.lambdaRule()));
        lambdaRule.addValueChangeListener(e -> fixedLambda.setVisible("fixed".equals(e.getValue())));

        ModelSettings net = c.segmentation();
        networkSize.setLabel("U-Net size");
        networkSize.setItems("small", "paper");
        networkSize.setItemLabelGenerator(v -> v.equals("small") ? "small (48x48x24, 8-64 channels: minutes on 2 cores)"
                : "paper (96x96x48, 32-512 channels)");
        networkSize.setValue(net.size());
        epochs.setValue(net.epochs());
        learningRate.setValue(net.learningRate());
        networkSeed.setValue((int) net.seed());
        device.setLabel("Device");
        device.setItems("cpu", "gpu");
        device.setValue(net.device());
        List<SegmentationModels.Model> ready = models.list(projectId).stream().filter(m -> "READY".equals(m.status())).toList();
        configureModelChoice(ctModel, "CT network", ready, "CT", c.models().get("CT"));
        configureModelChoice(petModel, "PET network", ready, "PET", c.models().get("PET"));

        FormLayout data = new FormLayout(name, training, external, modalities, endpoints, description);
        data.setColspan(description, 2);
        FormLayout networks = new FormLayout(ctModel, petModel, networkSize, epochs, learningRate, networkSeed, device);
        FormLayout statistics = new FormLayout(folds, repeats, balanced, kMin, kMax, restarts, silhouette, lambdaRule, fixedLambda,
                family, innerFolds, seed, baselines, permute);
        statistics.setColspan(baselines, 2);
        Button save = new Button(existing == null ? "Create experiment" : "Save configuration", e -> save(projectId, existing, false));
        save.setId("save-experiment");
        Button saveAndRun = new Button(existing == null ? "Create and run" : "Save and run", e -> save(projectId, existing, true));
        saveAndRun.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        saveAndRun.setId("save-and-run");
        add(new H3("Data"), data, new H3("Segmentation networks"),
                new Paragraph("Train a new U-Net per modality with these settings, or reuse a trained one of this project."), networks,
                new H3("Feature selection and cross-validation"), statistics, new HorizontalLayout(save, saveAndRun));
    }

    private static void configureModelChoice(Select<String> select, String label, List<SegmentationModels.Model> ready, String modality,
            String current) {
        select.setLabel(label);
        List<String> items = new ArrayList<>();
        items.add("");
        ready.stream().filter(m -> modality.equals(m.modality())).forEach(m -> items.add(m.name()));
        if (current != null && !items.contains(current)) {
            items.add(current);
        }
        select.setItems(items);
        select.setItemLabelGenerator(v -> v.isEmpty() ? "Train a new network" : "Reuse " + v);
        select.setValue(current == null ? "" : current);
    }

    private void save(long projectId, Experiment existing, boolean run) {
        try {
            Map<String, String> reuse = new LinkedHashMap<>();
            reuse.put("CT", ctModel.getValue());
            reuse.put("PET", petModel.getValue());
            reuse.keySet().retainAll(modalities.getValue());
            ModelSettings defaults = ModelSettings.of(networkSize.getValue() == null ? "small" : networkSize.getValue());
            ModelSettings net;
            try {
                net = new ModelSettings(defaults.size(), epochs.getValue() == null ? defaults.epochs() : epochs.getValue(),
                        defaults.batchSize(), learningRate.getValue() == null ? defaults.learningRate() : learningRate.getValue(),
                        defaults.weightDecay(), defaults.patience(), defaults.validationFraction(),
                        networkSeed.getValue() == null ? defaults.seed() : networkSeed.getValue(), device.getValue(), defaults.schedule());
            } catch (IllegalArgumentException ex) {
                throw new ValidationException("Segmentation network: " + ex.getMessage());
            }
            ExperimentConfig config = new ExperimentConfig(training.getValue() == null ? null : training.getValue().id(),
                    external.getValue() == null ? null : external.getValue().id(),
                    ordered(ExperimentConfig.ALL_MODALITIES, modalities.getValue()), ordered(ExperimentConfig.ALL_ENDPOINTS, endpoints.getValue()),
                    orZero(folds), orZero(repeats), orZero(kMin), orZero(kMax), orZero(restarts), lambdaRule.getValue(),
                    "fixed".equals(lambdaRule.getValue()) ? fixedLambda.getValue() : null, family.getValue(),
                    seed.getValue() == null ? 0 : seed.getValue(), net, reuse, ordered(ExperimentConfig.ALL_BASELINES, baselines.getValue()),
                    orZero(innerFolds), balanced.getValue(), silhouette.getValue(), permute.getValue());
            Experiment saved = existing == null
                    ? experiments.create(projectId, name.getValue(), description.getValue(), config)
                    : experiments.saveConfig(existing.id(), description.getValue(), config);
            if (run) {
                var started = experiments.launch(saved.id());
                Notify.success("Running " + saved.name() + " version " + saved.latestVersion() + " (run " + started.id() + ")");
            } else {
                Notify.success("Saved " + saved.name() + " version " + saved.latestVersion());
            }
            getUI().ifPresent(ui -> ui.navigate("experiments/" + saved.id()));
        } catch (ValidationException ex) {
            Notify.error(ex.getMessage());
        }
    }

    private static List<String> ordered(List<String> order, java.util.Set<String> chosen) {
        List<String> out = new ArrayList<>();
        order.stream().filter(chosen::contains).forEach(out::add);
        return out;
    }

    private static int orZero(IntegerField f) {
        return f.getValue() == null ? 0 : f.getValue();
    }
}
