package dev.estserver.operator.e2e;

import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * The Fabric8 mock's CRUD dispatcher, with its objects indexed by name. The mock answers a request for one object by
 * copying every stored object and testing each against the request, so a request cost time in proportion to the
 * objects stored: with ScaleIT's 20,000 (its DeviceEnrollments and their Secrets) the mock, not the operator, took
 * most of the test's minutes, on one core. A real API server reads one key.
 * <p>
 * A request that names an object sees only the stored objects of that name; lists and watches see every object. In
 * both cases Fabric8 still decides what matches, so the answers are the mock's own.
 */
final class NameIndexedCrudDispatcher extends KubernetesCrudDispatcher {

    private final StoredObjects objects = new StoredObjects();

    NameIndexedCrudDispatcher() {
        super(List.of());
        // The mock creates its store itself and offers no way to pass one in.
        try {
            Field store = CrudDispatcher.class.getDeclaredField("map");
            store.setAccessible(true);
            store.set(this, objects);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Fabric8 mock no longer keeps its objects in CrudDispatcher.map", e);
        }
    }

    @Override
    public MockResponse handleGet(String path) {
        return objects.narrowedTo(attributeExtractor.fromPath(path), () -> super.handleGet(path));
    }

    @Override
    public MockResponse handleDelete(String path) {
        return objects.narrowedTo(attributeExtractor.fromPath(path), () -> super.handleDelete(path));
    }

    /** What the mock's create, update and patch handlers look an object up with. */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        return objects.narrowedTo(query, () -> super.findResource(query));
    }

    /**
     * The stored objects by their attributes, as the mock keeps them, and an index of them by name. While a request
     * that names an object runs on a thread, that thread's view holds only the objects of that name.
     */
    private static final class StoredObjects extends AbstractMap<AttributeSet, String> {

        private static final String NAME = "name";

        private final Map<AttributeSet, String> all = new LinkedHashMap<>();
        private final Map<Attribute, Set<AttributeSet>> byName = new HashMap<>();
        private final ThreadLocal<Attribute> named = new ThreadLocal<>();

        <T> T narrowedTo(AttributeSet query, Supplier<T> request) {
            Attribute name = query.getAttribute(NAME);
            // Only an exact name is matched by equality (AttributeSet.matches), so only then is the index exact.
            if (name == null || name.getType() != AttributeType.WITH) {
                return request.get();
            }
            named.set(name);
            try {
                return request.get();
            } finally {
                named.remove();
            }
        }

        @Override
        public Set<Entry<AttributeSet, String>> entrySet() {
            Attribute name = named.get();
            if (name == null) {
                return Collections.unmodifiableMap(all).entrySet();
            }
            Set<Entry<AttributeSet, String>> entries = new LinkedHashSet<>();
            byName.getOrDefault(name, Set.of()).forEach(key -> entries.add(new SimpleImmutableEntry<>(key,
                    all.get(key))));
            return entries;
        }

        @Override
        public int size() {
            return all.size();
        }

        @Override
        public boolean containsKey(Object key) {
            return all.containsKey(key);
        }

        @Override
        public String get(Object key) {
            return all.get(key);
        }

        @Override
        public String put(AttributeSet key, String value) {
            Attribute name = key.getAttribute(NAME);
            if (name != null) {
                byName.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(key);
            }
            return all.put(key, value);
        }

        @Override
        public String remove(Object key) {
            if (key instanceof AttributeSet attributes) {
                Attribute name = attributes.getAttribute(NAME);
                Set<AttributeSet> keys = name == null ? null : byName.get(name);
                if (keys != null && keys.remove(attributes) && keys.isEmpty()) {
                    byName.remove(name);
                }
            }
            return all.remove(key);
        }

        @Override
        public void clear() {
            all.clear();
            byName.clear();
        }
    }
}
