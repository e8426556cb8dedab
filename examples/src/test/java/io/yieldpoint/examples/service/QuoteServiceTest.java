package io.yieldpoint.examples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.examples.http.HttpResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The example service over loopback, against suppliers each test controls: the quote's content (the
 * product from the database, every offer, the best), the fallback of a supplier that does not
 * answer in time, suppliers that fail, a client that leaves (which cancels the calls in flight),
 * and lines that reach the client one by one as the offers come in.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class QuoteServiceTest {

    /** Long enough never to run out in a test that does not want it to. */
    private static final Duration NO_TIMEOUT = Duration.ofSeconds(30);

    /** sku-7 in the catalog: "Widget 7", list price 7.59. */
    private static final String PRODUCT_LINE = "sku-7 Widget 7: list price 7.59";

    @Test
    void aQuoteIsTheProductThenEveryOfferThenTheBest() throws IOException {
        try (TestSuppliers suppliers = new TestSuppliers(3).offers("supplier-1", 10).offers("supplier-2", 20)
                .offers("supplier-3", 5)) {
            assertEquals(List.of(PRODUCT_LINE, "supplier-1: 6.83 (10% off)", "supplier-2: 6.07 (20% off)",
                    "supplier-3: 7.21 (5% off)", "best: supplier-2 at 6.07"), quoteOfSku7(suppliers.settings(3, NO_TIMEOUT)));
        }
    }

    @Test
    void aSupplierThatDoesNotAnswerInTimeIsListedWithTheFallback() throws IOException {
        Duration timeout = Duration.ofSeconds(2); // the others answer at once: far within it, even on a loaded machine
        CompletableFuture<HttpResponse> never = new CompletableFuture<>();
        try (TestSuppliers suppliers = new TestSuppliers(3).offers("supplier-1", 10).waitsFor("supplier-2", never)
                .offers("supplier-3", 5)) {
            assertEquals(List.of(PRODUCT_LINE, "supplier-1: 6.83 (10% off)", "supplier-2: no answer within 2000 ms",
                    "supplier-3: 7.21 (5% off)", "best: supplier-1 at 6.83"), quoteOfSku7(suppliers.settings(3, timeout)));
        }
    }

    @Test
    void aSupplierThatFailsIsListedAsUnavailable() throws IOException {
        try (TestSuppliers suppliers = new TestSuppliers(3).fails("supplier-1", 500).offers("supplier-2", 20)
                .offers("supplier-3", 5)) {
            assertEquals(List.of(PRODUCT_LINE, "supplier-1: unavailable (status 500)", "supplier-2: 6.07 (20% off)",
                    "supplier-3: 7.21 (5% off)", "best: supplier-2 at 6.07"), quoteOfSku7(suppliers.settings(3, NO_TIMEOUT)));
        }
    }

    @Test
    void suppliersThatCannotBeReachedLeaveAQuoteWithoutAPrice() throws IOException {
        URI nobody;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = URI.create("http://127.0.0.1:" + closed.getLocalPort()); // closed below: connections refused
        }
        assertEquals(List.of(PRODUCT_LINE, "supplier-1: unavailable (I/O error)", "supplier-2: unavailable (I/O error)",
                "best: no supplier offered a price"), quoteOfSku7(new Suppliers(nobody, 2, NO_TIMEOUT)));
    }

    /** The lines of sku-7's quote from a service that asks {@code suppliers}, once its head is checked. */
    private static List<String> quoteOfSku7(Suppliers suppliers) throws IOException {
        try (QuoteServer service = QuoteServer.start(suppliers, QuoteEvents.NONE);
                QuoteClient client = new QuoteClient(service.address())) {
            client.get("/quote/sku-7");
            Map<String, String> head = client.head();
            assertEquals("HTTP/1.1 200 OK", head.get("status"));
            assertEquals("chunked", head.get("transfer-encoding"));
            return client.chunks();
        }
    }

    @Test
    void aClientThatLeavesCancelsTheCallsStillInFlight() throws Exception {
        CompletableFuture<HttpResponse> never = new CompletableFuture<>();
        CountDownLatch cancelled = new CountDownLatch(3);
        QuoteEvents events = new QuoteEvents() {
            @Override
            public void offerCancelled(String supplier) {
                cancelled.countDown();
            }
        };
        try (TestSuppliers suppliers = new TestSuppliers(3).waitsFor("supplier-1", never).waitsFor("supplier-2", never)
                        .waitsFor("supplier-3", never);
                QuoteServer service = QuoteServer.start(suppliers.settings(3, NO_TIMEOUT), events)) {
            try (QuoteClient client = new QuoteClient(service.address())) {
                client.get("/quote/sku-7");
                client.head();
                assertEquals(PRODUCT_LINE, client.chunk());
                suppliers.awaitAsked(); // all three calls are waiting for their suppliers
                assertEquals(3, cancelled.getCount(), "nothing is cancelled while the client is there");
            } // the client leaves
            assertTrue(cancelled.await(30, TimeUnit.SECONDS), "the three calls were cancelled: " + cancelled.getCount() + " left");
        }
    }

    @Test
    void eachLineReachesTheClientAsSoonAsItsOfferIsIn() throws IOException {
        CompletableFuture<HttpResponse> secondAnswers = new CompletableFuture<>();
        try (TestSuppliers suppliers = new TestSuppliers(3).offers("supplier-1", 10).waitsFor("supplier-2", secondAnswers)
                        .offers("supplier-3", 5);
                QuoteServer service = QuoteServer.start(suppliers.settings(3, NO_TIMEOUT), QuoteEvents.NONE);
                QuoteClient client = new QuoteClient(service.address())) {
            client.get("/quote/sku-7");
            assertEquals("chunked", client.head().get("transfer-encoding"));
            assertEquals(PRODUCT_LINE, client.chunk());
            assertEquals("supplier-1: 6.83 (10% off)", client.chunk()); // read while supplier-2 has not answered
            assertFalse(secondAnswers.isDone());
            secondAnswers.complete(HttpResponse.text("20"));
            assertEquals("supplier-2: 6.07 (20% off)", client.chunk());
            assertEquals("supplier-3: 7.21 (5% off)", client.chunk());
            assertEquals("best: supplier-2 at 6.07", client.chunk());
            assertNull(client.chunk());
        }
    }

    @Test
    void oneConnectionServesQuotesAndRefusalsInTurnPipelinedOrNot() throws IOException {
        try (TestSuppliers suppliers = new TestSuppliers(0);
                QuoteServer service = QuoteServer.start(suppliers.settings(1, NO_TIMEOUT), QuoteEvents.NONE);
                QuoteClient client = new QuoteClient(service.address())) {
            client.get("/quote/sku-0");
            Map<String, String> notFound = client.head();
            assertEquals("HTTP/1.1 404 Not Found", notFound.get("status"));
            assertEquals("404 Not Found: no product sku-0\n", client.body(notFound));

            // Two requests in one write: the second waits in the connection's buffer while the first is answered.
            client.send("GET /quote/sku-7 HTTP/1.1\r\nHost: x\r\n\r\nPOST /quote/sku-7 HTTP/1.1\r\nHost: x\r\n\r\n");
            client.head();
            assertEquals(List.of(PRODUCT_LINE, "supplier-1: 6.83 (10% off)", "best: supplier-1 at 6.83"), client.chunks());
            Map<String, String> wrongMethod = client.head();
            assertEquals("404 Not Found: ask GET /quote/{sku}\n", client.body(wrongMethod));

            client.get("/quote/sku-1");
            assertEquals("HTTP/1.1 200 OK", client.head().get("status"));
            assertEquals("sku-1 Widget 1: list price 5.37", client.chunks().get(0));
        }
    }

    @Test
    void anHttp10ClientGetsTheLinesWithoutChunksUntilTheConnectionCloses() throws IOException {
        try (TestSuppliers suppliers = new TestSuppliers(0);
                QuoteServer service = QuoteServer.start(suppliers.settings(1, NO_TIMEOUT), QuoteEvents.NONE);
                QuoteClient client = new QuoteClient(service.address())) {
            client.send("GET /quote/sku-7 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            Map<String, String> head = client.head();
            assertEquals("close", head.get("connection"));
            assertNull(head.get("transfer-encoding"));
            assertEquals(PRODUCT_LINE + "\nsupplier-1: 6.83 (10% off)\nbest: supplier-1 at 6.83\n", client.rest());
        }
    }
}
