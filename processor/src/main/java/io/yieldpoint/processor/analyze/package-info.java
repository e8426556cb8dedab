@NullMarked
package io.yieldpoint.processor.analyze;

import org.jspecify.annotations.NullMarked;
