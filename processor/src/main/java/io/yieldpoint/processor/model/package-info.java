@NullMarked
package io.yieldpoint.processor.model;

import org.jspecify.annotations.NullMarked;
