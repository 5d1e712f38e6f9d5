/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.model.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.segsurv.base.ForbiddenException;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import io.segsurv.base.ui.Notify;
import io.segsurv.cohort.Cohort;
import io.segsurv.cohort.CohortService;
import io.segsurv.model.ModelService;
import io.segsurv.model.ModelSettings;
import io.segsurv.project.Project;

/** Queues the training of a new segmentation model on one of the project's cohorts (PIs and researchers). */
class TrainModelDialog extends Dialog {

    private final ComboBox<Cohort> cohort = new ComboBox<>("Cohort");
    private final Select<String> modality = new Select<>();
    private final Select<String> size = new Select<>();
    private final IntegerField epochs = new IntegerField("Epochs");
    private final TextField name = new TextField("Name");

    TrainModelDialog(ModelService models, CohortService cohorts, Project project, Runnable submitted) {
        setHeaderTitle("Train a segmentation model");
        cohort.setItems(cohorts.list(project.id(), 0, 1000));
        cohort.setItemLabelGenerator(c -> c.name() + " (" + c.patientCount() + " patients)");
        cohort.setRequired(true);
        cohort.setId("train-cohort");
        modality.setLabel("Modality");
        modality.setItems("CT", "PET");
        modality.setValue("CT");
        modality.setId("train-modality");
        size.setLabel("Network size");
        size.setItems("small", "paper");
        size.setItemLabelGenerator(s -> s.equals("small") ? "Small (48x48x24, minutes on a CPU)" : "Paper (96x96x48, 22.6 M parameters)");
        size.setValue("small");
        size.addValueChangeListener(e -> epochs.setValue(ModelSettings.of(e.getValue()).epochs()));
        size.setId("train-size");
        epochs.setMin(1);
        epochs.setMax(1000);
        epochs.setStepButtonsVisible(true);
        epochs.setValue(ModelSettings.of("small").epochs());
        epochs.setId("train-epochs");
        name.setPlaceholder("generated when empty");
        name.setId("train-name");
        add(new FormLayout(cohort, modality, size, epochs, name));

        Button train = new Button("Train", e -> {
            if (cohort.isEmpty() || epochs.isEmpty()) {
                Notify.error("Choose a cohort and a number of epochs");
                return;
            }
            try {
                ModelSettings settings = ModelSettings.of(size.getValue()).withEpochs(epochs.getValue());
                var job = models.train(project.id(), cohort.getValue().id(), modality.getValue(), name.getValue(), settings);
                Notify.success("Training queued as job " + job.id());
                close();
                submitted.run();
            } catch (ValidationException | ForbiddenException | NotFoundException | IllegalArgumentException ex) {
                Notify.error(ex.getMessage());
            }
        });
        train.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        train.setId("train-submit");
        getFooter().add(new Button("Cancel", e -> close()), train);
    }
}
