// Every test process parses each appended event payload with its schema (define-event.ts), so a
// payload that only matched its type through a cast fails in the test that made it.
import { checkEventPayloads } from "../../src/modules/events/index.ts";

checkEventPayloads(true);
