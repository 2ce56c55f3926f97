/** Code written against DJL's NDArray that the demo's benchmarks run (guarded by NaNGuard's processor). */
package io.nanguard.demo.djl;
