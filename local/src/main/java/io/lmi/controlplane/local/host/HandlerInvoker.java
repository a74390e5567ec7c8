package io.lmi.controlplane.local.host;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Calls one handler the way the Lambda Java runtime does: the class is instantiated once with its no-argument
 * constructor and then serves every invocation (concurrently, here, as on LMI); a {@link RequestStreamHandler} gets
 * the raw bytes; a {@link RequestHandler} gets its input through the runtime's own serializers.
 */
final class HandlerInvoker {
    private final Object handler;
    private final PojoSerializer<Object> inputSerializer;
    private final PojoSerializer<Object> outputSerializer;

    private HandlerInvoker(Object handler, PojoSerializer<Object> in, PojoSerializer<Object> out) {
        this.handler = handler;
        this.inputSerializer = in;
        this.outputSerializer = out;
    }

    /** {@code handlerSpec} as in a function's configuration: {@code com.example.Handler} or {@code ...::handleRequest}. */
    static HandlerInvoker load(String handlerSpec) {
        String className = handlerSpec.contains("::") ? handlerSpec.substring(0, handlerSpec.indexOf("::")) : handlerSpec;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Object instance;
        try {
            instance = Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new HandlerLoadException("Class not found: " + className);
        } catch (InvocationTargetException e) {
            throw new HandlerLoadException("Error loading class " + className + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new HandlerLoadException("Class " + className + " has no public no-argument constructor", e);
        }
        if (instance instanceof RequestStreamHandler) {
            return new HandlerInvoker(instance, null, null);
        }
        if (instance instanceof RequestHandler) {
            Type[] types = requestHandlerTypes(instance.getClass());
            return new HandlerInvoker(instance, serializerFor(types[0], loader), serializerFor(types[1], loader));
        }
        throw new HandlerLoadException("Class " + className + " implements neither RequestHandler nor RequestStreamHandler");
    }

    byte[] invoke(byte[] payload, Context context) throws IOException {
        if (handler instanceof RequestStreamHandler streamHandler) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            streamHandler.handleRequest(new ByteArrayInputStream(payload), out, context);
            return out.toByteArray();
        }
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> requestHandler = (RequestHandler<Object, Object>) handler;
        Object input = inputSerializer.fromJson(new ByteArrayInputStream(payload));
        Object output = requestHandler.handleRequest(input, context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        outputSerializer.toJson(output, out);
        return out.toByteArray();
    }

    private static Type[] requestHandlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type iface : c.getGenericInterfaces()) {
                if (iface instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return p.getActualTypeArguments();
                }
            }
        }
        return new Type[] {Object.class, Object.class};
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializerFor(Type type, ClassLoader loader) {
        if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(c, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    static final class HandlerLoadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandlerLoadException(String message) {
            super(message);
        }

        HandlerLoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
