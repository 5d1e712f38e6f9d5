/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.function.SerializableSupplier;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Download links whose content a service produces when the link is followed (so it is current and access-checked then). */
final class Downloads {

    static final String CSV = "text/csv;charset=utf-8";
    static final String JSON = "application/json;charset=utf-8";
    static final String HTML = "text/html;charset=utf-8";

    private Downloads() {
    }

    static Anchor link(String id, String text, String fileName, String contentType, SerializableSupplier<String> content) {
        DownloadHandler handler = DownloadHandler.fromInputStream(event -> {
            byte[] bytes = content.get().getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), fileName, contentType, bytes.length);
        });
        Anchor a = new Anchor(handler, AttachmentType.DOWNLOAD, text);
        a.setId(id);
        a.getStyle().set("white-space", "nowrap");
        return a;
    }
}
