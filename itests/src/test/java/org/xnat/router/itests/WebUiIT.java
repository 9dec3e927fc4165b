package org.xnat.router.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;
import org.junit.runners.MethodSorters;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The web UI in a real browser (Debian's chromium, headless, through its chromedriver) against a real router:
 * log in with the admin key, create a destination and a route, import pydicom corpus files into the route and
 * watch the job finish, see the transfer complete, edit and test a script (a broken one shows its error line,
 * a good one the before/after diff), switch theme and keep it across a reload, and a viewer key that sees no
 * edit controls and is refused by the API. Every page is saved as a screenshot in every theme under
 * {@code target/screenshots/}.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class WebUiIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    static final List<String> UPLOAD_FILES = List.of("CT_small.dcm", "MR_small.dcm");
    static final List<String> IMPORT_FILES = List.of("rtplan.dcm", "rtstruct.dcm");
    static final List<String> PAGES = List.of("dashboard", "routes", "destinations", "brokers", "scripts", "transfers",
            "logs", "settings", "storage", "import");
    static final List<String> THEMES = List.of("light", "dark", "high-contrast", "ocean");
    static final ObjectMapper JSON = new ObjectMapper();

    /** On a failure: the screen, the page's DOM and the browser's console next to the screenshots. */
    @Rule
    public TestWatcher evidence = new TestWatcher() {
        @Override
        protected void failed(Throwable e, Description d) {
            if (browser == null) {
                return;
            }
            try {
                Path dir = Files.createDirectories(Path.of("target/screenshots"));
                Files.write(dir.resolve("failed-" + d.getMethodName() + ".png"),
                        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                Files.writeString(dir.resolve("failed-" + d.getMethodName() + ".html"), browser.getPageSource());
                StringBuilder log = new StringBuilder();
                browser.manage().logs().get(LogType.BROWSER).forEach(l -> log.append(l).append('\n'));
                Files.writeString(dir.resolve("failed-" + d.getMethodName() + ".console.txt"), log);
            } catch (Exception ignored) {
                // evidence only: the failure itself is reported anyway
            }
        }
    };

    static Path data;
    static RouterProcess router;
    static WebDriver browser;
    static String base;
    static int routePort;
    static String viewerKey;

    @BeforeClass
    public static void start() throws Exception {
        Assume.assumeTrue("needs Debian's chromium and chromium-driver (.ci/run installs them)",
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER));
        data = RouterProcess.newDataDirectory("webui-");
        Path config = data.resolve("config.yaml");
        // a configuration without routes: the test makes its route through the UI
        Files.writeString(config, String.join("\n",
                "destinations:",
                "  seed: !<file>",
                "    path: " + data.resolve("seed"),
                ""));
        router = new RouterProcess(data, config);
        router.startAndAwaitUp();
        base = "http://127.0.0.1:" + router.httpPort();
        routePort = RouterDistribution.freePort();

        // the driver and the browser named explicitly: Selenium Manager never looks for (or downloads) one
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1300", "--lang=en-US", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + data.resolve("chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(data.resolve("chromedriver.log").toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterClass
    public static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (router != null) {
                router.close();
            }
        }
    }

    // ----- the tests, in order

    @Test
    public void t01_servesThePageBesideTheApiAndTheConsole() throws Exception {
        HttpResponse<String> page = router.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp, csp.contains("default-src 'self'") && csp.contains("script-src 'self'"));
        assertTrue(page.body().contains("<script type=\"module\" src=\"/ui/js/app.js\">"));
        assertEquals(page.body(), router.get("/index.html").body());
        HttpResponse<String> js = router.get("/ui/js/app.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertEquals(404, router.get("/ui/js/../../META-INF/MANIFEST.MF").statusCode());
        assertEquals(404, router.get("/ui/nothing.js").statusCode());
        // the JAX-RS whiteboard and the web console keep their paths
        assertEquals(200, router.get("/api/health").statusCode());
        assertEquals(401, router.get("/system/console/bundles").statusCode());
        String openapi = router.get("/api/openapi.json").body();
        assertTrue(openapi.contains("\"/metrics/throughput\"") && openapi.contains("\"/whoami\""));
        HttpResponse<String> metrics = router.admin("GET", "/api/metrics/throughput?minutes=60", null);
        assertEquals(metrics.body(), 200, metrics.statusCode());
        assertEquals(61, JSON.readTree(metrics.body()).path("points").size());
        assertEquals(401, router.api("GET", "/api/whoami", null, null, null).statusCode());
    }

    @Test
    public void t02_logsInWithTheAdminKeyAndRefusesAWrongOne() {
        browser.get(base + "/");
        WebElement key = waitVisible(By.id("login-key"));
        key.sendKeys("rtr_not_a_valid_key_0000000000000000");
        browser.findElement(By.id("login-submit")).click();
        waitText(By.id("login-error"), "not valid");
        assertFalse(browser.findElement(By.id("nav")).isDisplayed());

        login(RouterProcess.ADMIN_API_KEY);
        assertTrue(browser.findElement(By.id("who")).getText().contains("(admin)"));
        waitVisible(By.cssSelector("#dash-status .card"));
        // keyboard: the first Tab stop is the skip link, and it moves focus to the main landmark
        browser.get(base + "/#/routes");
        waitVisible(By.cssSelector("#page[data-page='routes'] .page-title"));
        assertEquals("skip-link", js("return [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]"
                + ".find(e => e.tabIndex >= 0).className"));
        WebElement skip = browser.findElement(By.cssSelector("a.skip-link"));
        js("arguments[0].focus()", skip);
        assertEquals("Skip to content", skip.getText());
        skip.sendKeys(Keys.ENTER);
        assertEquals("main", browser.switchTo().activeElement().getAttribute("id"));
        assertTrue(browser.getCurrentUrl(), browser.getCurrentUrl().endsWith("#/routes"));
        assertEquals("", unlabelled());
        // the key is kept for this tab only (sessionStorage), not on the device
        assertEquals(RouterProcess.ADMIN_API_KEY, js("return sessionStorage.getItem('router.apiKey')"));
        assertEquals(null, js("return localStorage.getItem('router.apiKey')"));
    }

    @Test
    public void t03_themeSwitchPersistsAcrossAReload() {
        new Select(browser.findElement(By.id("theme-select"))).selectByValue("dark");
        assertEquals("dark", js("return document.documentElement.dataset.theme"));
        String darkBg = (String) js("return getComputedStyle(document.body).backgroundColor");
        browser.navigate().refresh();
        waitVisible(By.id("nav"));
        assertEquals("dark", js("return document.documentElement.dataset.theme"));
        assertEquals("dark", new Select(browser.findElement(By.id("theme-select"))).getFirstSelectedOption().getAttribute("value"));
        assertEquals(darkBg, js("return getComputedStyle(document.body).backgroundColor"));
        new Select(browser.findElement(By.id("theme-select"))).selectByValue("light");
        assertFalse(darkBg.equals(js("return getComputedStyle(document.body).backgroundColor")));
    }

    @Test
    public void t04_createsADestinationAndARoute() throws Exception {
        go("destinations");
        click(By.id("destination-new"));
        WebElement dialog = waitVisible(By.cssSelector("dialog[open]"));
        dialog.findElement(By.name("name")).sendKeys("ui-files");
        new Select(dialog.findElement(By.name("type"))).selectByValue("file");
        dialog.findElement(By.name("path")).sendKeys(data.resolve("received-ui").toString());
        dialog.findElement(By.name("directory_pattern")).sendKeys("{StudyInstanceUID}");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        waitGone(By.cssSelector("dialog[open]"));
        waitVisible(By.cssSelector("#destinations-list tr[data-key='ui-files']"));

        go("routes");
        click(By.id("route-new"));
        dialog = waitVisible(By.cssSelector("dialog[open]"));
        dialog.findElement(By.name("ae_title")).sendKeys("UIROUTE");
        dialog.findElement(By.name("port")).sendKeys(String.valueOf(routePort));
        WebElement timeout = dialog.findElement(By.name("study_timeout_seconds"));
        timeout.clear();
        timeout.sendKeys("2");
        dialog.findElement(By.cssSelector("input[data-destination='ui-files']")).click();
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        waitGone(By.cssSelector("dialog[open]"));
        WebElement row = waitVisible(By.cssSelector("#routes-list tr[data-key='UIROUTE']"));
        assertTrue(row.getText(), row.getText().contains("ui-files"));
        // what the UI saved is in the configuration
        JsonNode route = JSON.readTree(router.admin("GET", "/api/routes/UIROUTE", null).body());
        assertEquals(routePort, route.path("port").asInt());
        assertEquals("ui-files", destinationName(route.path("destinations").get(0)));
        // the routing engine takes the new route without a restart
        waitText(By.cssSelector("#routes-list tr[data-key='UIROUTE']"), "listening", Duration.ofSeconds(60));
    }

    @Test
    public void t05_uploadsAZipOnTheStoragePageAndMovesItToImport() throws Exception {
        Path zip = zipOf(UPLOAD_FILES, data.resolve("study.zip"));
        go("storage");
        waitText(By.id("storage-summary"), "UIROUTE");
        new Select(browser.findElement(By.id("storage-route"))).selectByValue("UIROUTE");
        browser.findElement(By.id("upload-files")).sendKeys(zip.toString());
        waitText(By.id("upload-done"), "2 file(s) stored", Duration.ofSeconds(60));
        waitText(By.id("upload-done"), "1 archive(s) extracted");
        waiting(Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#storage-studies tbody tr")).size() == 2);
        click(By.id("storage-import-all"));
        // moved to import: nothing stays stored once the import took the files
        waiting(Duration.ofSeconds(90)).until(d -> d.findElements(By.cssSelector("#storage-studies tbody tr")).isEmpty());
        go("import");
        waitText(By.id("import-jobs"), "DONE", Duration.ofSeconds(90));
    }

    @Test
    public void t06_scansADirectoryImportsItAndSeesTheTransfersComplete() throws Exception {
        // outside the data directory: the router refuses to import its own files
        Path incomingRoot = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "webui-incoming-");
        Path incoming = Files.createDirectories(incomingRoot.resolve("nested"));
        for (String f : IMPORT_FILES) {
            Files.copy(CORPUS.resolve(f), incoming.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(incoming.resolve("notes.txt"), "not DICOM");
        go("import");
        WebElement path = waitVisible(By.id("import-path"));
        path.sendKeys(incomingRoot.toString());
        new Select(browser.findElement(By.id("import-route"))).selectByValue("UIROUTE");
        click(By.id("import-scan"));
        WebElement summary = waitVisible(By.id("import-scan-summary"));
        assertTrue(summary.getText(), summary.getText().startsWith("3 file(s)") && summary.getText().contains("1 not DICOM"));
        assertFalse(browser.findElements(By.cssSelector("#import-preview tbody tr")).isEmpty());
        int before = browser.findElements(By.cssSelector("#import-jobs tbody tr")).size();
        click(By.id("import-start"));
        waiting(Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#import-jobs tbody tr")).size() == before + 1);
        waitText(By.cssSelector("#import-jobs tbody tr"), "DONE", Duration.ofSeconds(90));
        WebElement job = browser.findElement(By.cssSelector("#import-jobs tbody tr"));
        assertTrue(job.getText(), job.getText().contains("UIROUTE") && job.getText().contains("3 / 3"));

        go("transfers");
        WebElement route = waitVisible(By.cssSelector("#transfer-filters input[name=route]"));
        route.sendKeys("UIROUTE");
        route.sendKeys(Keys.ENTER);
        waitTextAny(By.id("transfers-list"), Duration.ofSeconds(120), "COMPLETED", "DONE");
        // every instance, uploaded or imported, landed in the destination the UI created
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long landed = 0;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> s = Files.walk(data.resolve("received-ui"))) {
                landed = s.filter(Files::isRegularFile).count();
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
                landed = 0;
            }
            if (landed >= UPLOAD_FILES.size() + IMPORT_FILES.size()) {
                break;
            }
            Thread.sleep(500);
        }
        assertEquals(UPLOAD_FILES.size() + IMPORT_FILES.size(), landed);
        // per-instance detail
        browser.findElement(By.cssSelector("#transfers-list tbody tr a")).click();
        waitVisible(By.id("transfer-detail-title"));
        waitText(By.id("transfer-detail"), "Instances");

        // the dashboard's throughput counts what came in during the last hour and draws it
        JsonNode totals = JSON.readTree(router.admin("GET", "/api/metrics/throughput?minutes=60", null).body()).path("totals");
        assertEquals(UPLOAD_FILES.size() + IMPORT_FILES.size(), totals.path("received_instances").asInt());
        assertEquals(UPLOAD_FILES.size() + IMPORT_FILES.size(), totals.path("delivered_instances").asInt());
        go("dashboard");
        WebElement chart = waitVisible(By.cssSelector("#page .chart svg[aria-label^='Instances per second']"));
        assertFalse(chart.findElements(By.cssSelector("path.series-a")).isEmpty());
        waitText(By.cssSelector("#page .chart figcaption"), "received");

        // the log tail shows the router's log, live
        go("logs");
        waitText(By.id("log-tail"), "INFO", Duration.ofSeconds(20));
        new Select(browser.findElement(By.id("log-level"))).selectByValue("ERROR");
        waiting(Duration.ofSeconds(20)).until(d -> !d.findElement(By.id("log-tail")).getText().contains(" INFO "));
        waitVisible(By.cssSelector("#log-files tbody tr"));
    }

    @Test
    public void t07_editsAndTestsAScript() {
        go("scripts");
        click(By.id("script-new"));
        WebElement name = waitVisible(By.id("script-name"));
        name.sendKeys("ui-test");
        setEditor("version \"6.3\"\n\n(0010,0010) := \n(0010,0020) := \"X\"\n");
        click(By.id("script-test"));
        WebElement bad = waitVisible(By.cssSelector(".editor .gutter .bad"));
        assertEquals("! 3", bad.getText());
        WebElement problem = waitVisible(By.cssSelector(".script-problems li[data-line='3']"));
        assertTrue(problem.getText(), problem.getText().contains("line 3"));

        setEditor("version \"6.3\"\n// a comment\n(0010,0010) := \"ANONYMOUS\"\n-(0010,0030)\n");
        assertFalse(browser.findElements(By.cssSelector(".editor pre .tok-tag")).isEmpty());
        assertFalse(browser.findElements(By.cssSelector(".editor pre .tok-comment")).isEmpty());
        click(By.id("script-test"));
        WebElement diff = waitVisible(By.cssSelector("#script-result .diff table"));
        String text = diff.getText();
        assertTrue(text, text.contains("(0010,0010)") && text.contains("ANONYMOUS") && text.contains("Sample^Patient^Middle"));
        assertTrue(text, text.contains("(0010,0030)") && text.contains("(removed)"));
        assertFalse(browser.findElement(By.id("script-result")).getText(), browser.findElement(By.id("script-result")).getText().contains("null"));
        assertTrue(browser.findElements(By.cssSelector(".editor .gutter .bad")).isEmpty());
        click(By.id("script-save"));
        waitVisible(By.cssSelector("#scripts-list tr[data-key='ui-test']"));
    }

    @Test
    public void t07b_managesABrokerBrowsesItsCrosswalkAndTestsALookup() throws Exception {
        go("brokers");
        click(By.id("broker-new"));
        WebElement dialog = waitVisible(By.cssSelector("dialog[open]"));
        dialog.findElement(By.name("name")).sendKeys("ui-broker");
        dialog.findElement(By.name("description")).sendKeys("made in the browser");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        waitGone(By.cssSelector("dialog[open]"));
        WebElement row = waitVisible(By.cssSelector("#brokers-list tr[data-key='ui-broker']"));
        assertTrue(row.getText(), row.getText().contains("made in the browser"));
        assertEquals(200, router.admin("GET", "/api/brokers/ui-broker", null).statusCode());
        row.findElement(By.cssSelector("button")).click();
        waitVisible(By.id("crosswalk-title"));
        waitText(By.id("crosswalk-rows"), "No entries match.");
        waitVisible(By.id("lookup-value")).sendKeys("PATIENT-42");
        browser.findElement(By.cssSelector("#crosswalk form:last-of-type button[type=submit]")).click();
        waitText(By.id("lookup-result"), "has no research ID yet");
    }

    @Test
    public void t07c_savesASetting() throws Exception {
        go("settings");
        WebElement days = waitVisible(By.cssSelector("input[data-section='settings'][data-key='trash_retention_days']"));
        days.clear();
        days.sendKeys("7");
        click(By.id("settings-save"));
        waitText(By.id("toasts"), "Settings saved");
        JsonNode settings = JSON.readTree(router.admin("GET", "/api/settings", null).body());
        assertEquals(7, settings.path("settings").path("trash_retention_days").asInt());
        waitText(By.id("config-history"), "settings changed");
    }

    @Test
    public void t08_aViewerSeesNoEditControlsAndTheApiRefusesIt() throws Exception {
        HttpResponse<String> created = router.admin("POST", "/api/keys", "{\"name\":\"ui-viewer\",\"role\":\"viewer\"}");
        assertEquals(created.body(), 201, created.statusCode());
        viewerKey = JSON.readTree(created.body()).path("key").asText();
        click(By.id("logout"));
        waitVisible(By.id("login-key"));
        login(viewerKey);
        assertTrue(browser.findElement(By.id("who")).getText().contains("(viewer)"));
        go("routes");
        waitVisible(By.cssSelector("#routes-list tr[data-key='UIROUTE']"));
        assertTrue(browser.findElements(By.id("route-new")).isEmpty());
        assertTrue(browser.findElements(By.xpath("//*[@id='routes-list']//button[text()='Edit' or text()='Delete' or text()='Disable']")).isEmpty());
        go("destinations");
        waitVisible(By.cssSelector("#destinations-list tr[data-key='ui-files']"));
        assertTrue(browser.findElements(By.id("destination-new")).isEmpty());
        assertTrue(browser.findElements(By.xpath("//*[@id='destinations-list']//button[text()='Edit' or text()='Delete' or text()='Check']")).isEmpty());
        go("scripts");
        waitVisible(By.cssSelector("#scripts-list tr[data-key='ui-test']"));
        assertTrue(browser.findElements(By.id("script-new")).isEmpty());
        go("transfers");
        waitVisible(By.cssSelector("#transfers-list tbody tr"));
        assertTrue(browser.findElements(By.xpath("//*[@id='transfers-list']//button")).isEmpty());
        // and the API says no whatever the page shows
        HttpResponse<String> refused = router.api("POST", "/api/routes", viewerKey, "application/json",
                ("{\"ae_title\":\"VIEWERS\",\"port\":" + RouterDistribution.freePort() + "}").getBytes(StandardCharsets.UTF_8));
        assertEquals(refused.body(), 403, refused.statusCode());
        assertEquals(403, router.api("DELETE", "/api/routes/UIROUTE", viewerKey, null, null).statusCode());
        assertEquals(200, router.api("GET", "/api/routes/UIROUTE", viewerKey, null, null).statusCode());
    }

    @Test
    public void t09_screenshotsOfEveryPageInEveryTheme() throws Exception {
        click(By.id("logout"));
        waitVisible(By.id("login-key"));
        login(RouterProcess.ADMIN_API_KEY);
        Path dir = Files.createDirectories(Path.of("target/screenshots"));
        for (String theme : THEMES) {
            new Select(browser.findElement(By.id("theme-select"))).selectByValue(theme);
            for (String page : PAGES) {
                go(page);
                waitVisible(By.cssSelector("#page .page-title"));
                if (page.equals("scripts")) {
                    // the editor with highlighting and a test's before/after diff
                    click(By.cssSelector("#scripts-list tr[data-key='ui-test'] button"));
                    click(By.id("script-test"));
                    waitVisible(By.cssSelector("#script-result .diff table"));
                }
                Thread.sleep(600); // let the first poll paint its tables
                assertEquals(page, "", unlabelled());
                Path file = dir.resolve(page + "-" + theme + ".png");
                Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                assertTrue(Files.size(file) > 1000);
            }
        }
        new Select(browser.findElement(By.id("theme-select"))).selectByValue("light");
    }

    // ----- helpers

    /** Live pages repaint every few seconds: an element found a moment ago may be gone; look again. */
    static WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    static void login(String key) {
        WebElement field = waitVisible(By.id("login-key"));
        field.clear();
        field.sendKeys(key);
        browser.findElement(By.id("login-submit")).click();
        waitVisible(By.id("nav"));
    }

    static void go(String page) {
        // a dialog left open by a failed step must not hide the page from the next
        js("document.querySelectorAll('dialog[open]').forEach(d => d.close())");
        browser.get(base + "/#/" + page);
        waitVisible(By.cssSelector("#page[data-page='" + page + "'] .page-title"));
    }

    static void click(By by) {
        WebElement e = waiting(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(by));
        e.click();
    }

    static WebElement waitVisible(By by) {
        return waiting(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    static void waitGone(By by) {
        waiting(Duration.ofSeconds(20)).until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    static void waitText(By by, String text) {
        waitText(by, text, Duration.ofSeconds(20));
    }

    static void waitText(By by, String text, Duration timeout) {
        try {
            waiting(timeout).until(d -> {
                List<WebElement> found = d.findElements(by);
                return !found.isEmpty() && found.get(0).getText().contains(text);
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            List<WebElement> found = browser.findElements(by);
            throw new AssertionError("'" + text + "' not shown in " + by + " within " + timeout + "; it shows: "
                    + (found.isEmpty() ? "(nothing)" : found.get(0).getText()), e);
        }
    }

    /** The tracking tables say DONE, the routing API's TransferState COMPLETED: either shows a finished transfer. */
    static void waitTextAny(By by, Duration timeout, String... texts) {
        try {
            waiting(timeout).until(d -> {
                List<WebElement> found = d.findElements(by);
                return !found.isEmpty() && java.util.Arrays.stream(texts).anyMatch(found.get(0).getText()::contains);
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            List<WebElement> found = browser.findElements(by);
            throw new AssertionError(java.util.Arrays.toString(texts) + " not shown in " + by + " within " + timeout
                    + "; it shows: " + (found.isEmpty() ? "(nothing)" : found.get(0).getText()), e);
        }
    }

    /** The visible form controls without a label (by name or id); empty when every control has one. */
    static String unlabelled() {
        return (String) js("return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(c => c.offsetParent !== null && c.type !== 'hidden' && c.labels.length === 0"
                + " && !c.getAttribute('aria-label')).map(c => c.name || c.id || c.outerHTML).join(', ')");
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Replaces the editor's text as typing would (an input event repaints highlighting and clears marks). */
    static void setEditor(String text) {
        WebElement editor = waitVisible(By.id("script-editor"));
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", editor, text);
    }

    static String destinationName(JsonNode d) {
        return d.isTextual() ? d.asText() : d.path("destination").asText();
    }

    /** A ZIP of corpus files under a folder, as a user would pack a study. */
    static Path zipOf(List<String> files, Path zip) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String f : files) {
                z.putNextEntry(new ZipEntry("study/" + f));
                Files.copy(CORPUS.resolve(f), z);
                z.closeEntry();
            }
        }
        return zip;
    }
}
