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
import org.openqa.selenium.interactions.Actions;
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
                // not the file destination's in-flight copies under .router-tmp
                landed = s.filter(Files::isRegularFile).filter(p -> !p.toString().contains(".router-tmp")).count();
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
    public void t07d_editsRulesFiltersAndDestinationOptionsInTheRouteForm() throws Exception {
        go("routes");
        click(By.id("route-new"));
        WebElement dialog = waitVisible(By.cssSelector("dialog[open]"));
        dialog.findElement(By.name("ae_title")).sendKeys("UIRULES");
        dialog.findElement(By.name("port")).sendKeys(String.valueOf(RouterDistribution.freePort()));
        // the destination and its options, chosen from what the API lists
        dialog.findElement(By.cssSelector("input[data-destination='ui-files']")).click();
        waitVisible(By.cssSelector("[data-options='ui-files']"));
        path(dialog, "destinations[0].priority").sendKeys("2");
        path(dialog, "destinations[0].retry_count").sendKeys("0");
        path(dialog, "destinations[0].anonymize").click();
        new Select(path(dialog, "destinations[0].anon_script")).selectByValue("ui-test");
        path(dialog, "destinations[0].use_honest_broker").click();
        new Select(path(dialog, "destinations[0].honest_broker")).selectByValue("ui-broker");
        path(dialog, "destinations[0].project_id").sendKeys("PRJ1");
        // a routing rule (and a second one, removed again)
        dialog.findElement(By.cssSelector("[data-add='routing_rules']")).click();
        path(dialog, "routing_rules[0].name").sendKeys("ct-mr");
        path(dialog, "routing_rules[0].tag").sendKeys("Modality");
        assertTrue(path(dialog, "routing_rules[0].value").isDisplayed());
        new Select(path(dialog, "routing_rules[0].operator")).selectByValue("in");
        assertFalse(path(dialog, "routing_rules[0].value").isDisplayed());
        path(dialog, "routing_rules[0].values").sendKeys("CT\nMR\n");
        new Select(path(dialog, "routing_rules[0].destinations")).selectByValue("ui-files");
        dialog.findElement(By.cssSelector("[data-add='routing_rules']")).click();
        path(dialog, "routing_rules[1].tag").sendKeys("StudyDescription");
        dialog.findElement(By.cssSelector("button[aria-label='Remove routing rule 2']")).click();
        assertTrue(dialog.findElements(By.cssSelector("[data-path='routing_rules[1].tag']")).isEmpty());
        // a filter with a tag written (gggg,eeee)
        dialog.findElement(By.cssSelector("[data-add='filters']")).click();
        path(dialog, "filters[0].tag").sendKeys("(0008,103E)");
        new Select(path(dialog, "filters[0].operator")).selectByValue("contains");
        path(dialog, "filters[0].value").sendKeys("localizer");
        new Select(path(dialog, "filters[0].action")).selectByValue("exclude");
        // a validation rule and a tag modification
        dialog.findElement(By.cssSelector("[data-add='validation_rules']")).click();
        new Select(path(dialog, "validation_rules[0].type")).selectByValue("modality_check");
        assertFalse(path(dialog, "validation_rules[0].tag").isDisplayed());
        path(dialog, "validation_rules[0].values").sendKeys("CT\nMR");
        new Select(path(dialog, "validation_rules[0].on_failure")).selectByValue("warn");
        dialog.findElement(By.cssSelector("[data-add='tag_modifications']")).click();
        path(dialog, "tag_modifications[0].tag").sendKeys("InstitutionName");
        new Select(path(dialog, "tag_modifications[0].action")).selectByValue("set");
        path(dialog, "tag_modifications[0].value").sendKeys("UI");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        waitGone(By.cssSelector("dialog[open]"));
        waitVisible(By.cssSelector("#routes-list tr[data-key='UIRULES']"));

        // what the form saved is what the API gives back
        JsonNode route = JSON.readTree(router.admin("GET", "/api/routes/UIRULES", null).body());
        assertEquals(JSON.readTree("[{\"name\":\"ct-mr\",\"tag\":\"Modality\",\"operator\":\"in\",\"values\":[\"CT\",\"MR\"],"
                + "\"destinations\":[\"ui-files\"]}]"), route.path("routing_rules"));
        assertEquals(JSON.readTree("[{\"tag\":\"(0008,103E)\",\"operator\":\"contains\",\"value\":\"localizer\","
                + "\"action\":\"exclude\"}]"), route.path("filters"));
        assertEquals(JSON.readTree("[{\"type\":\"modality_check\",\"values\":[\"CT\",\"MR\"],\"on_failure\":\"warn\"}]"),
                route.path("validation_rules"));
        assertEquals(JSON.readTree("[{\"tag\":\"InstitutionName\",\"action\":\"set\",\"value\":\"UI\"}]"),
                route.path("tag_modifications"));
        assertEquals(JSON.readTree("[{\"destination\":\"ui-files\",\"priority\":2,\"retry_count\":0,\"anonymize\":true,"
                + "\"anon_script\":\"ui-test\",\"use_honest_broker\":true,\"honest_broker\":\"ui-broker\","
                + "\"project_id\":\"PRJ1\"}]"), route.path("destinations"));

        // an invalid regular expression: the API's problem is shown next to the field it names
        click(By.cssSelector("#routes-list tr[data-key='UIRULES'] button[aria-label='Edit route UIRULES']"));
        dialog = waitVisible(By.cssSelector("dialog[open]"));
        assertEquals("ct-mr", path(dialog, "routing_rules[0].name").getAttribute("value"));
        assertEquals("CT\nMR", path(dialog, "routing_rules[0].values").getAttribute("value"));
        new Select(path(dialog, "filters[0].operator")).selectByValue("matches");
        WebElement value = path(dialog, "filters[0].value");
        value.clear();
        value.sendKeys("([unclosed");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement problem = waitVisible(By.id(value.getAttribute("id") + "-problem"));
        waitText(By.id(value.getAttribute("id") + "-problem"), "regular expression");
        assertEquals("true", value.getAttribute("aria-invalid"));
        // in the same field as the control, not in the list under the form
        assertEquals(value.findElement(By.xpath("..")), problem.findElement(By.xpath("..")));
        assertTrue(problem.getText(), path(dialog, "routing_rules[0].name").getAttribute("aria-invalid") == null);
        dialog.findElement(By.cssSelector(".dialog-buttons button.secondary")).click();
        waitGone(By.cssSelector("dialog[open]"));
        // nothing was saved
        route = JSON.readTree(router.admin("GET", "/api/routes/UIRULES", null).body());
        assertEquals("contains", route.path("filters").get(0).path("operator").asText());
    }

    @Test
    public void t07e_retriesAFailedTransferAndCancelsAPendingOne() throws Exception {
        Assume.assumeTrue("needs dcmtk", Storescp.installed() && Files.isExecutable(STORESCU));
        int deadPort = RouterDistribution.freePort();
        int laterPort = RouterDistribution.freePort();
        int failPort = RouterDistribution.freePort();
        for (String[] d : new String[][] {{"ui-dead", String.valueOf(deadPort)}, {"ui-later", String.valueOf(laterPort)}}) {
            HttpResponse<String> r = router.admin("POST", "/api/destinations", "{\"name\":\"" + d[0] + "\",\"type\":\"dicom\","
                    + "\"ae_title\":\"" + Storescp.AE_TITLE + "\",\"host\":\"127.0.0.1\",\"port\":" + d[1]
                    + ",\"connect_timeout_seconds\":2}");
            assertEquals(r.body(), 201, r.statusCode());
        }
        // a route through the form: no retry to ui-dead, retries an hour apart to ui-later
        go("routes");
        click(By.id("route-new"));
        WebElement dialog = waitVisible(By.cssSelector("dialog[open]"));
        dialog.findElement(By.name("ae_title")).sendKeys("UIFAIL");
        dialog.findElement(By.name("port")).sendKeys(String.valueOf(failPort));
        WebElement timeout = dialog.findElement(By.name("study_timeout_seconds"));
        timeout.clear();
        timeout.sendKeys("1");
        dialog.findElement(By.cssSelector("input[data-destination='ui-dead']")).click();
        dialog.findElement(By.cssSelector("input[data-destination='ui-later']")).click();
        path(dialog, "destinations[0].retry_count").sendKeys("0");
        path(dialog, "destinations[1].retry_count").sendKeys("3");
        path(dialog, "destinations[1].retry_delay_seconds").sendKeys("3600");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        waitGone(By.cssSelector("dialog[open]"));
        JsonNode dests = JSON.readTree(router.admin("GET", "/api/routes/UIFAIL", null).body()).path("destinations");
        assertEquals(0, dests.get(0).path("retry_count").asInt(-1));
        assertEquals(3600, dests.get(1).path("retry_delay_seconds").asInt());
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!JSON.readTree(router.admin("GET", "/api/routes/UIFAIL", null).body()).path("status").path("listening").asBoolean()) {
            assertTrue("UIFAIL does not listen", System.nanoTime() < end);
            Thread.sleep(250);
        }
        Path ct = CORPUS.resolve("CT_small.dcm");
        storescu("UIFAIL", failPort, ct);

        go("transfers");
        WebElement route = waitVisible(By.cssSelector("#transfer-filters input[name=route]"));
        route.sendKeys("UIFAIL");
        route.sendKeys(Keys.ENTER);
        By dead = transferRow("ui-dead");
        By later = transferRow("ui-later");
        waitText(dead, "FAILED", Duration.ofSeconds(90));
        String error = browser.findElement(dead).findElement(By.xpath("td[9]")).getText();
        assertFalse("the failed transfer shows its error", error.isBlank());
        // the pending one, found with the status filter
        new Select(browser.findElement(By.cssSelector("#transfer-filters select[name=status]"))).selectByValue("RETRYING");
        browser.findElement(By.cssSelector("#transfer-filters button[type=submit]")).click();
        waitText(later, "RETRYING", Duration.ofSeconds(60));
        waiting(Duration.ofSeconds(10)).until(d -> d.findElements(dead).isEmpty());
        click(By.xpath(xpathOf(later) + "//button[text()='Cancel']"));
        new Select(browser.findElement(By.cssSelector("#transfer-filters select[name=status]"))).selectByValue("");
        browser.findElement(By.cssSelector("#transfer-filters button[type=submit]")).click();
        waitText(later, "CANCELLED", Duration.ofSeconds(60));
        assertTrue(browser.findElements(By.xpath(xpathOf(later) + "//button[text()='Cancel']")).isEmpty());

        // fix the cause (the peer comes up), press Retry, see it delivered
        try (Storescp peer = new Storescp(deadPort, data.resolve("ui-dead-peer")).start()) {
            click(By.xpath(xpathOf(dead) + "//button[text()='Retry']"));
            waitText(By.id("toasts"), "queued again");
            waitText(dead, "DONE", Duration.ofSeconds(90));
            assertEquals(1, peer.fileCount());
        }
        // the instance in the transfer's detail
        String sop = TestInstances.sopInstanceUid(ct);
        browser.findElement(By.xpath(xpathOf(dead) + "//a")).click();
        waitVisible(By.id("transfer-detail-title"));
        By instance = By.cssSelector("#transfer-detail tr[data-key='" + sop + "']");
        waitText(instance, "DONE");
        waitText(By.id("transfer-detail"), "1 / 1 instance(s) delivered");
    }

    @Test
    public void t07f_dropsFilesAndAFolderThenDeletesAStudyToTheTrash() throws Exception {
        go("storage");
        waitText(By.id("storage-summary"), "UIROUTE");
        new Select(browser.findElement(By.id("storage-route"))).selectByValue("UIROUTE");
        String ctUid = studyInstanceUid(CORPUS.resolve("CT_small.dcm"));
        String mrUid = studyInstanceUid(CORPUS.resolve("MR_small.dcm"));
        // files: a real drop event whose DataTransfer carries File objects made in the page
        js("const zone = document.getElementById('dropzone'); const dt = new DataTransfer();"
                + "dt.items.add(new File([Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0))], 'CT_small.dcm',"
                + " {type: 'application/dicom'}));"
                + "zone.dispatchEvent(new DragEvent('dragenter', {dataTransfer: dt, bubbles: true, cancelable: true}));"
                + "zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));",
                base64(CORPUS.resolve("CT_small.dcm")));
        waitText(By.id("upload-done"), "1 file(s) stored", Duration.ofSeconds(60));
        waitVisible(By.cssSelector("#storage-studies tr[data-key='" + ctUid + "']"));
        // a folder: the browser hands a dropped folder over as a directory entry (webkitGetAsEntry), which a page
        // cannot make itself; for this drop the items answer with one that takes the same calls
        // (createReader().readEntries(), file()) as the browser's, and the browser's method is put back after
        js("const zone = document.getElementById('dropzone'); const dt = new DataTransfer();"
                + "const file = (name, b64) => new File([Uint8Array.from(atob(b64), c => c.charCodeAt(0))], name);"
                + "const fileEntry = (f) => ({isFile: true, isDirectory: false, name: f.name, file: (ok) => ok(f)});"
                + "const dirEntry = (name, children) => ({isFile: false, isDirectory: true, name, createReader() {"
                + "  let given = false; window.__walked = (window.__walked || 0) + 1;"
                + "  return {readEntries(ok) { setTimeout(() => ok(given ? [] : (given = true, children))); }}; }});"
                + "const mr = file('MR_small.dcm', arguments[0]); const notes = file('notes.txt', btoa('not DICOM'));"
                + "dt.items.add(mr);"
                + "const folder = dirEntry('study', [fileEntry(mr), dirEntry('docs', [fileEntry(notes)])]);"
                + "window.__entry = DataTransferItem.prototype.webkitGetAsEntry;"
                + "DataTransferItem.prototype.webkitGetAsEntry = function () { return this.getAsFile() === null ? null : folder; };"
                + "zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));",
                base64(CORPUS.resolve("MR_small.dcm")));
        try {
            waitText(By.id("upload-done"), "1 file(s) not DICOM", Duration.ofSeconds(60));
        } finally {
            js("DataTransferItem.prototype.webkitGetAsEntry = window.__entry");
        }
        assertEquals(2L, ((Number) js("return window.__walked")).longValue());
        waitVisible(By.cssSelector("#storage-studies tr[data-key='" + mrUid + "']"));

        // delete to the trash
        // the upload's toasts sit in the corner of the window, where the table's last column is
        By delete = By.cssSelector("#storage-studies tr[data-key='" + ctUid + "'] button[aria-label='Delete study " + ctUid + "']");
        js("arguments[0].scrollIntoView({block: 'center'})", waitVisible(delete));
        js("document.querySelectorAll('#toasts .toast').forEach(t => t.remove())");
        click(delete);
        WebElement dialog = waitVisible(By.cssSelector("dialog[open]"));
        assertTrue(dialog.getText(), dialog.getText().contains("trash"));
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        waitGone(By.cssSelector("dialog[open]"));
        waiting(Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#storage-studies tr[data-key='" + ctUid + "']")).isEmpty());
        waitText(By.id("storage-trash"), "Trash: 1 study");
        try (Stream<Path> trashed = Files.list(data.resolve("storage/.trash/UIROUTE"))) {
            assertTrue(trashed.anyMatch(p -> p.getFileName().toString().startsWith(ctUid + "@")));
        }
        assertEquals(404, router.admin("GET", "/api/storage/UIROUTE/studies/" + ctUid, null).statusCode());
    }

    @Test
    public void t07g_operatesThePagesWithTheKeyboardOnly() throws Exception {
        browser.get(base + "/#/dashboard");
        browser.navigate().refresh();
        waitVisible(By.cssSelector("#page[data-page='dashboard'] .page-title"));
        // after loading, the focus is on the main landmark; the navigation is just before it: Shift-Tab
        // reaches it, Enter opens a page
        waiting(Duration.ofSeconds(10)).until(d -> "main".equals(d.switchTo().activeElement().getAttribute("id")));
        String path = tabUntil(e -> "Routes".equals(e.getText()) && "A".equals(e.getTagName().toUpperCase()), 12, true);
        assertTrue(path, path.startsWith("Import | Storage"));
        keys(Keys.ENTER);
        waitVisible(By.cssSelector("#page[data-page='routes'] .page-title"));
        waiting(Duration.ofSeconds(10)).until(d -> "Routes".equals(d.switchTo().activeElement().getText())
                && d.switchTo().activeElement().getAttribute("class").contains("page-title"));
        // New route: the dialog takes the focus, Escape closes it, the focus is back on the button
        tabUntil(e -> "route-new".equals(e.getAttribute("id")), 3, false);
        keys(Keys.ENTER);
        waitVisible(By.cssSelector("dialog[open]"));
        assertEquals("ae_title", browser.switchTo().activeElement().getAttribute("name"));
        keys(Keys.ESCAPE);
        waitGone(By.cssSelector("dialog[open]"));
        assertEquals("route-new", browser.switchTo().activeElement().getAttribute("id"));
        // Edit of a route: stays open across the list's repaint (every 5 s); its Cancel button, reached with
        // Shift-Tab from nowhere else than the dialog, closes it; the focus goes back to that route's Edit button
        tabUntil(e -> "Edit route UIROUTE".equals(e.getAttribute("aria-label")), 40, false);
        keys(Keys.ENTER);
        waitVisible(By.cssSelector("dialog[open]"));
        Thread.sleep(6000);
        tabUntil(e -> "Save".equals(e.getText()), 200, false);
        shiftTab();
        assertEquals("Cancel", browser.switchTo().activeElement().getText());
        keys(Keys.ENTER);
        waitGone(By.cssSelector("dialog[open]"));
        // read in the page in one step: the list may be redrawn at any moment (focus is kept on the same button)
        assertEquals("Edit route UIROUTE", js("return document.activeElement.getAttribute('aria-label')"));
        // Shift-Tab goes back through the row: the route's name button, then further up
        String back = tabUntil(e -> "Show route UIROUTE".equals(e.getAttribute("aria-label")), 20, true);
        keys(Keys.ENTER);
        waitVisible(By.id("route-detail-title"));
        assertEquals("route-detail-title", browser.switchTo().activeElement().getAttribute("id"));
        assertTrue(back, !back.isEmpty());
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

    static final Path STORESCU = Path.of("/usr/bin/storescu");

    /** The control of a form whose data-path (its field path in the route) is the one given. */
    static WebElement path(WebElement form, String path) {
        return form.findElement(By.cssSelector("[data-path='" + path + "']"));
    }

    /** The row of the transfers list for a destination (the list holds one study per destination here). */
    static By transferRow(String destination) {
        return By.xpath("//*[@id='transfers-list']//tbody/tr[td[4][normalize-space()='" + destination + "']]");
    }

    static String xpathOf(By by) {
        return by.toString().replaceFirst("^By\\.xpath: ", "");
    }

    static String studyInstanceUid(Path file) throws IOException {
        try (org.xnat.dicom.io.DicomReader r = org.xnat.dicom.io.DicomReader.open(file,
                org.xnat.dicom.io.ReadOptions.defaults().stopBeforePixelData(true))) {
            return r.readDataset().getString(org.xnat.dicom.data.Tag.StudyInstanceUID, "");
        }
    }

    static String base64(Path file) throws IOException {
        return java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }

    static void keys(CharSequence keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    /** Shift held down while Tab is pressed (a chord sent as keys does not hold the modifier). */
    static void shiftTab() {
        new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
    }

    /**
     * Presses Tab (or Shift-Tab) until the focused element is the one wanted, at most {@code max} times; answers
     * the texts (or labels) of the elements passed on the way. Fails when it is not reached.
     */
    static String tabUntil(java.util.function.Predicate<WebElement> wanted, int max, boolean backwards) {
        StringBuilder passed = new StringBuilder();
        for (int i = 0; i < max; i++) {
            if (backwards) {
                shiftTab();
            } else {
                keys(Keys.TAB);
            }
            // the live views redraw their tables; the page puts the focus back on the same control, so an element
            // that went stale between reading it and asking it is simply read again
            for (int attempt = 0; ; attempt++) {
                try {
                    WebElement active = browser.switchTo().activeElement();
                    String label = active.getAttribute("aria-label");
                    String name = label != null ? label : active.getText().isBlank() ? active.getTagName() : active.getText().strip();
                    if (wanted.test(active)) {
                        passed.append(name).append(" | ");
                        return passed.toString();
                    }
                    passed.append(name).append(" | ");
                    break;
                } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                    if (attempt == 3) {
                        throw redrawn;
                    }
                }
            }
        }
        throw new AssertionError("not reached with " + (backwards ? "Shift-Tab" : "Tab") + " in " + max + " steps: " + passed);
    }

    static void storescu(String ae, int port, Path file) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(STORESCU.toString(), "-aet", "WEBUI_IT", "-aec", ae, "127.0.0.1",
                String.valueOf(port), file.toString()).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("storescu did not finish: " + out);
        }
        assertEquals("storescu: " + out, 0, p.exitValue());
    }

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
