@NullMarked
package io.yieldpoint.processor;

import org.jspecify.annotations.NullMarked;
