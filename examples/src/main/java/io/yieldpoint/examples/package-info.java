@NullMarked
package io.yieldpoint.examples;

import org.jspecify.annotations.NullMarked;
