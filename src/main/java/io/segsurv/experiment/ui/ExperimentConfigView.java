/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
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
import io.segsurv.project.Project;
import io.segsurv.project.ProjectAccess;
import io.segsurv.project.ProjectService;
import io.segsurv.project.ui.CurrentProject;
import io.segsurv.project.ui.NoProject;
import java.util.ArrayList;
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

    ExperimentConfigView(ExperimentService experiments, CohortService cohorts, ProjectService projects, ProjectAccess access) {
        this.experiments = experiments;
        this.cohorts = cohorts;
        this.projects = projects;
        this.access = access;
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

        FormLayout form = new FormLayout(name, training, external, modalities, endpoints, folds, repeats, kMin, kMax, restarts,
                lambdaRule, fixedLambda, family, seed, description);
        form.setColspan(description, 2);
        Button save = new Button(existing == null ? "Create experiment" : "Save configuration", e -> save(projectId, existing));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-experiment");
        add(form, save);
    }

    private void save(long projectId, Experiment existing) {
        try {
            ExperimentConfig config = new ExperimentConfig(training.getValue() == null ? null : training.getValue().id(),
                    external.getValue() == null ? null : external.getValue().id(),
                    ordered(ExperimentConfig.ALL_MODALITIES, modalities.getValue()), ordered(ExperimentConfig.ALL_ENDPOINTS, endpoints.getValue()),
                    orZero(folds), orZero(repeats), orZero(kMin), orZero(kMax), orZero(restarts), lambdaRule.getValue(),
                    fixedLambda.getValue(), family.getValue(), seed.getValue() == null ? 0 : seed.getValue());
            Experiment saved = existing == null
                    ? experiments.create(projectId, name.getValue(), description.getValue(), config)
                    : experiments.saveConfig(existing.id(), description.getValue(), config);
            Notify.success("Saved " + saved.name() + " version " + saved.latestVersion());
            getUI().ifPresent(ui -> ui.navigate(ExperimentsView.class));
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
