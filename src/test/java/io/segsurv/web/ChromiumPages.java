/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;

/**
 * Debian's Chromium through Playwright against the application started by the test on 127.0.0.1:
 * one browser per test class, a fresh browser context (cookies, session) per test, a full-page
 * screenshot of every test under target/screenshots/, and the login form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChromiumPages {

    static final double TIMEOUT_MS = 30_000;
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    @Value("${local.server.port}")
    int port;

    private Playwright playwright;
    private Browser browser;
    private BrowserContext context;
    Page page;

    @BeforeAll
    void startBrowser() {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getProperty("segsurv.test.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--disable-quic")));
        PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MS);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** Options of each test's browser context (downloads, viewport). */
    Browser.NewContextOptions contextOptions() {
        return new Browser.NewContextOptions();
    }

    @BeforeEach
    void newSession() {
        context = browser.newContext(contextOptions());
        context.setDefaultTimeout(TIMEOUT_MS);
        context.setDefaultNavigationTimeout(TIMEOUT_MS);
        page = context.newPage();
    }

    @AfterEach
    void screenshot(TestInfo info) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(SCREENSHOTS.resolve(getClass().getSimpleName() + "-" + info.getTestMethod().orElseThrow().getName() + ".png")));
        context.close();
    }

    void login(String username, String password) {
        page.navigate(url("/login"));
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page).not().hasURL(Pattern.compile(".*/login.*"), new PageAssertions.HasURLOptions().setTimeout(TIMEOUT_MS));
        assertThat(page.locator("#user-menu")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(TIMEOUT_MS));
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
