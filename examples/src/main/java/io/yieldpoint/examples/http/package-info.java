@NullMarked
package io.yieldpoint.examples.http;

import org.jspecify.annotations.NullMarked;
