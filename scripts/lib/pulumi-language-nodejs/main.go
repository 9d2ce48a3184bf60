// pulumi-language-nodejs: a minimal Node.js language host for the Pulumi CLI, written for ironflow's
// end-to-end toolchain (scripts/toolchain.sh builds it next to the CLI it builds).
//
// Why it exists: the upstream language host lives in its own, untagged Go module
// (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) which the module proxy
// reachable here refuses. Everything it needs at runtime is in the tagged sdk/v3 module and in the
// npm package @pulumi/pulumi (cmd/run, cmd/run-policy-pack, cmd/run-plugin), so this host only
// has to translate the engine's gRPC calls into `node <that script> ...` invocations.
//
// Implemented: Handshake, GetPluginInfo, GetRequiredPackages/GetRequiredPlugins (node_modules scan),
// Run (programs, TypeScript through the SDK's own ts-node support), RunPlugin (policy packs through
// sdk.PolicyProxy, and Node component providers), InstallDependencies (npm install), About,
// GetProgramDependencies, Cancel. Code generation (GenerateProgram/Project/Package, Pack, Link,
// Template) is not implemented: it is not needed to run programs.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Exit code with which @pulumi/pulumi's runners say "the error was already shown to the user".
const exitAfterUserActionableMessage = 32

func main() {
	// The engine passes its address as the last positional argument, possibly preceded by flags
	// such as -root=..., --tracing=..., --logtostderr, -v=N. We accept and ignore any flag.
	var engineAddress, tracing string
	args := os.Args[1:]
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			name := strings.TrimLeft(a, "-")
			if name == "tracing" && i+1 < len(args) {
				tracing = args[i+1]
				i++
			} else if strings.HasPrefix(name, "tracing=") {
				tracing = strings.TrimPrefix(name, "tracing=")
			} else if (name == "root" || name == "v") && i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") &&
				i+1 != len(args)-1 {
				i++
			}
			continue
		}
		engineAddress = a
	}

	host := &nodeHost{engineAddress: engineAddress, tracing: tracing}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "could not start language host RPC server: %v\n", err)
		os.Exit(1)
	}
	// The spawner reads our port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "language host RPC stopped serving: %v\n", err)
		os.Exit(1)
	}
}

type nodeHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	mu            sync.Mutex
	engineAddress string
	tracing       string
}

func (h *nodeHost) engine() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engineAddress
}

func (h *nodeHost) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	h.mu.Unlock()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *nodeHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: strings.TrimPrefix(version.Version, "v")}, nil
}

func (h *nodeHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// ---------------------------------------------------------------- options

type runtimeOptions struct {
	typescript     bool
	tsconfig       string
	nodeargs       []string
	packagemanager string
}

func parseOptions(info *pulumirpc.ProgramInfo) runtimeOptions {
	o := runtimeOptions{typescript: true}
	if info == nil || info.GetOptions() == nil {
		return o
	}
	m := info.GetOptions().AsMap()
	if v, ok := m["typescript"]; ok {
		switch t := v.(type) {
		case bool:
			o.typescript = t
		case string:
			o.typescript = t == "true"
		}
	}
	if v, ok := m["tsconfig"].(string); ok {
		o.tsconfig = v
	}
	if v, ok := m["nodeargs"].(string); ok && strings.TrimSpace(v) != "" {
		o.nodeargs = strings.Fields(v)
	}
	if v, ok := m["packagemanager"].(string); ok {
		o.packagemanager = v
	}
	return o
}

func nodePath() (string, error) {
	p, err := exec.LookPath("node")
	if err != nil {
		return "", fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	return p, nil
}

// resolveModule resolves e.g. "@pulumi/pulumi/cmd/run" the way node would from dir.
func resolveModule(node, dir, mod string) (string, error) {
	script := fmt.Sprintf("console.log(require.resolve(%q, {paths: [%q]}))", mod, dir)
	cmd := exec.Command(node, "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("could not resolve %s from %s: %w", mod, dir, err)
	}
	return strings.TrimSpace(string(out)), nil
}

func withEnv(env []string, kv ...string) []string {
	out := append([]string{}, env...)
	return append(out, kv...)
}

func exitCode(err error) (int, bool) {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok {
			if ws.Signaled() {
				return 128 + int(ws.Signal()), true
			}
			return ws.ExitStatus(), true
		}
		return ee.ExitCode(), true
	}
	return 0, false
}

// ---------------------------------------------------------------- Run

func (h *nodeHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	node, err := nodePath()
	if err != nil {
		return nil, err
	}
	info := req.GetInfo()
	opts := parseOptions(info)
	progDir := req.GetPwd()
	entry := "."
	if info != nil {
		if info.GetProgramDirectory() != "" {
			progDir = info.GetProgramDirectory()
		}
		if info.GetEntryPoint() != "" {
			entry = info.GetEntryPoint()
		}
	}
	if progDir == "" {
		progDir, _ = os.Getwd()
	}

	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		runPath, err = resolveModule(node, progDir, "@pulumi/pulumi/cmd/run")
		if err != nil {
			return &pulumirpc.RunResponse{Error: "It looks like the Pulumi SDK has not been installed. " +
				"Have you run npm install or yarn install? (" + err.Error() + ")"}, nil
		}
	}

	args := append([]string{}, opts.nodeargs...)
	args = append(args, runPath)
	add := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k, v)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", h.engine())
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("stack", req.GetStack())
	add("pwd", req.GetPwd())
	if info != nil {
		add("root-directory", info.GetRootDirectory())
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() != 0 {
		add("parallel", strconv.Itoa(int(req.GetParallel())))
	}
	add("tracing", h.tracing)
	// run.js: "." means "the package in the working directory"; anything else is a path
	// (relative to --pwd) of the program to load.
	program := "."
	if entry != "." || filepath.Clean(progDir) != filepath.Clean(req.GetPwd()) {
		program = filepath.Join(progDir, entry)
	}
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	cfg := req.GetConfig()
	if cfg == nil {
		cfg = map[string]string{}
	}
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	keysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	env := withEnv(os.Environ(),
		"PULUMI_CONFIG="+string(cfgJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(keysJSON),
		"PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(opts.typescript),
	)
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = req.GetPwd()
	if cmd.Dir == "" {
		cmd.Dir = progDir
	}
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		if code, ok := exitCode(err); ok {
			if code == exitAfterUserActionableMessage {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", code)}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"Problem executing program (could not run language executor): %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// ---------------------------------------------------------------- RunPlugin

type streamWriter struct {
	mu     *sync.Mutex
	stream pulumirpc.LanguageRuntime_RunPluginServer
	stderr bool
}

func (w *streamWriter) Write(p []byte) (int, error) {
	buf := append([]byte{}, p...)
	w.mu.Lock()
	defer w.mu.Unlock()
	var msg *pulumirpc.RunPluginResponse
	if w.stderr {
		msg = &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: buf}}
	} else {
		msg = &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: buf}}
	}
	if err := w.stream.Send(msg); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (h *nodeHost) RunPlugin(req *pulumirpc.RunPluginRequest, stream pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := stream.Context()
	node, err := nodePath()
	if err != nil {
		return err
	}
	info := req.GetInfo()
	opts := parseOptions(info)
	pluginDir := req.GetProgram()
	if info != nil && info.GetProgramDirectory() != "" {
		pluginDir = info.GetProgramDirectory()
	}
	if pluginDir == "" {
		return status.Error(codes.InvalidArgument, "RunPlugin: no program directory")
	}

	var mu sync.Mutex
	stdout := &streamWriter{mu: &mu, stream: stream}
	stderr := &streamWriter{mu: &mu, stream: stream, stderr: true}

	env := withEnv(os.Environ(), req.GetEnv()...)
	env = append(env, "PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(opts.typescript))
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	args := append([]string{}, opts.nodeargs...)
	var cmd *exec.Cmd
	var proxy *sdk.PolicyProxy
	switch req.GetKind() {
	case "analyzer":
		runner, err := resolveModule(node, pluginDir, "@pulumi/pulumi/cmd/run-policy-pack")
		if err != nil {
			return fmt.Errorf("it looks like the policy pack's dependencies are not installed; "+
				"try running npm install or yarn install in %q: %w", pluginDir, err)
		}
		// The engine talks to the proxy: it answers Handshake/ConfigureStack itself, then starts
		// the pack with the stack's details in the environment the Node policy SDK reads, and
		// forwards everything else to it.
		var packStdout io.Writer
		proxy, packStdout, err = sdk.NewPolicyProxy(ctx, stdout)
		if err != nil {
			return err
		}
		stackCfg, err := proxy.AwaitConfiguration(ctx)
		if err != nil {
			return err
		}
		if stackCfg != nil {
			cfg := stackCfg.GetConfig()
			if cfg == nil {
				cfg = map[string]string{}
			}
			cfgJSON, _ := json.Marshal(cfg)
			keys := stackCfg.GetConfigSecretKeys()
			if keys == nil {
				keys = []string{}
			}
			keysJSON, _ := json.Marshal(keys)
			env = append(env,
				"PULUMI_NODEJS_ORGANIZATION="+stackCfg.GetOrganization(),
				"PULUMI_NODEJS_PROJECT="+stackCfg.GetProject(),
				"PULUMI_NODEJS_STACK="+stackCfg.GetStack(),
				"PULUMI_NODEJS_DRY_RUN="+strconv.FormatBool(stackCfg.GetDryRun()),
				"PULUMI_CONFIG="+string(cfgJSON),
				"PULUMI_CONFIG_SECRET_KEYS="+string(keysJSON),
			)
		}
		args = append(args, runner)
		args = append(args, req.GetArgs()...) // <engine-address>
		args = append(args, pluginDir)
		cmd = exec.CommandContext(ctx, node, args...)
		cmd.Stdout = packStdout
	default: // resource (component providers) and other plugin kinds
		runner, err := resolveModule(node, pluginDir, "@pulumi/pulumi/cmd/run-plugin")
		if err != nil {
			return fmt.Errorf("it looks like the plugin's dependencies are not installed; "+
				"try running npm install in %q: %w", pluginDir, err)
		}
		args = append(args, runner, pluginDir)
		args = append(args, req.GetArgs()...)
		cmd = exec.CommandContext(ctx, node, args...)
		cmd.Stdout = stdout
	}
	cmd.Dir = pluginDir
	if req.GetPwd() != "" && req.GetKind() != "analyzer" {
		cmd.Dir = req.GetPwd()
	}
	cmd.Env = env
	cmd.Stderr = stderr

	if err := cmd.Start(); err != nil {
		return err
	}
	var runErr error
	if proxy != nil {
		runErr = proxy.Attach(ctx, cmd) // waits for the process
	} else {
		runErr = cmd.Wait()
	}
	code := 0
	if runErr != nil {
		c, ok := exitCode(runErr)
		if !ok {
			if cmd.ProcessState != nil {
				c = cmd.ProcessState.ExitCode()
			} else {
				fmt.Fprintf(stderr, "plugin failed: %v\n", runErr)
				c = 1
			}
		}
		code = c
	}
	mu.Lock()
	defer mu.Unlock()
	return stream.Send(&pulumirpc.RunPluginResponse{
		Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)},
	})
}

// ---------------------------------------------------------------- required packages

type packageJSON struct {
	Name         string            `json:"name"`
	Version      string            `json:"version"`
	Dependencies map[string]string `json:"dependencies"`
	DevDeps      map[string]string `json:"devDependencies"`
	Pulumi       struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

// nodeModulesDirs returns dir/node_modules and every ancestor's node_modules (npm workspaces hoist
// dependencies to the workspace root).
func nodeModulesDirs(dir string) []string {
	var out []string
	d, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	for {
		nm := filepath.Join(d, "node_modules")
		if st, err := os.Stat(nm); err == nil && st.IsDir() {
			out = append(out, nm)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return out
		}
		d = parent
	}
}

func scanNodeModules(nm string, seen map[string]bool, out *[]*pulumirpc.PackageDependency, depth int) {
	if depth > 8 {
		return
	}
	entries, err := os.ReadDir(nm)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(nm, name)
		if strings.HasPrefix(name, "@") {
			scoped, err := os.ReadDir(p)
			if err != nil {
				continue
			}
			for _, s := range scoped {
				visitPackage(filepath.Join(p, s.Name()), seen, out, depth)
			}
			continue
		}
		visitPackage(p, seen, out, depth)
	}
}

func visitPackage(dir string, seen map[string]bool, out *[]*pulumirpc.PackageDependency, depth int) {
	st, err := os.Stat(dir) // follows symlinks (workspace packages)
	if err != nil || !st.IsDir() {
		return
	}
	if b, err := os.ReadFile(filepath.Join(dir, "package.json")); err == nil {
		var pj packageJSON
		if json.Unmarshal(b, &pj) == nil && pj.Pulumi.Resource {
			name := pj.Pulumi.Name
			if name == "" {
				name = strings.TrimPrefix(pj.Name, "@pulumi/")
				name = strings.TrimPrefix(name, "@")
			}
			ver := pj.Pulumi.Version
			if ver == "" {
				ver = pj.Version
			}
			if ver != "" && !strings.HasPrefix(ver, "v") {
				ver = "v" + ver
			}
			key := name + "@" + ver
			if name != "" && !seen[key] {
				seen[key] = true
				*out = append(*out, &pulumirpc.PackageDependency{
					Kind: "resource", Name: name, Version: ver, Server: pj.Pulumi.Server,
				})
			}
		}
	}
	nested := filepath.Join(dir, "node_modules")
	if st, err := os.Stat(nested); err == nil && st.IsDir() {
		scanNodeModules(nested, seen, out, depth+1)
	}
}

func requiredPackages(info *pulumirpc.ProgramInfo) []*pulumirpc.PackageDependency {
	dir := "."
	if info != nil && info.GetProgramDirectory() != "" {
		dir = info.GetProgramDirectory()
	}
	seen := map[string]bool{}
	var out []*pulumirpc.PackageDependency
	for _, nm := range nodeModulesDirs(dir) {
		scanNodeModules(nm, seen, &out, 0)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name+out[i].Version < out[j].Name+out[j].Version })
	return out
}

func (h *nodeHost) GetRequiredPackages(_ context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{Packages: requiredPackages(req.GetInfo())}, nil
}

func (h *nodeHost) GetRequiredPlugins(_ context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	info := req.GetInfo()
	if info == nil {
		info = &pulumirpc.ProgramInfo{ProgramDirectory: req.GetProgram()}
	}
	var plugins []*pulumirpc.PluginDependency
	for _, p := range requiredPackages(info) {
		plugins = append(plugins, &pulumirpc.PluginDependency{
			Name: p.Name, Kind: p.Kind, Version: p.Version, Server: p.Server,
		})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

// ---------------------------------------------------------------- misc

func (h *nodeHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := nodePath()
	if err != nil {
		return nil, err
	}
	out, err := exec.Command(node, "--version").Output()
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{Executable: node, Version: strings.TrimSpace(string(out))}, nil
}

func (h *nodeHost) GetProgramDependencies(_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := "."
	if req.GetInfo() != nil && req.GetInfo().GetProgramDirectory() != "" {
		dir = req.GetInfo().GetProgramDirectory()
	}
	b, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, fmt.Errorf("reading package.json: %w", err)
	}
	var pj packageJSON
	if err := json.Unmarshal(b, &pj); err != nil {
		return nil, err
	}
	names := map[string]bool{}
	for n := range pj.Dependencies {
		names[n] = true
	}
	if req.GetTransitiveDependencies() {
		for n := range pj.DevDeps {
			names[n] = true
		}
	}
	var deps []*pulumirpc.DependencyInfo
	for n := range names {
		ver := pj.Dependencies[n]
		if ver == "" {
			ver = pj.DevDeps[n]
		}
		// Prefer the installed version.
		for _, nm := range nodeModulesDirs(dir) {
			if ib, err := os.ReadFile(filepath.Join(nm, n, "package.json")); err == nil {
				var ipj packageJSON
				if json.Unmarshal(ib, &ipj) == nil && ipj.Version != "" {
					ver = ipj.Version
					break
				}
			}
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: n, Version: ver})
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].Name < deps[j].Name })
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

type installWriter struct {
	mu     *sync.Mutex
	stream pulumirpc.LanguageRuntime_InstallDependenciesServer
	stderr bool
}

func (w *installWriter) Write(p []byte) (int, error) {
	buf := append([]byte{}, p...)
	w.mu.Lock()
	defer w.mu.Unlock()
	msg := &pulumirpc.InstallDependenciesResponse{Stdout: buf}
	if w.stderr {
		msg = &pulumirpc.InstallDependenciesResponse{Stderr: buf}
	}
	if err := w.stream.Send(msg); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (h *nodeHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	stream pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	dir := req.GetDirectory()
	opts := runtimeOptions{}
	if req.GetInfo() != nil {
		opts = parseOptions(req.GetInfo())
		if req.GetInfo().GetProgramDirectory() != "" {
			dir = req.GetInfo().GetProgramDirectory()
		}
	}
	pm := opts.packagemanager
	if pm == "" || pm == "auto" {
		pm = "npm"
	}
	var mu sync.Mutex
	cmd := exec.CommandContext(stream.Context(), pm, "install")
	cmd.Dir = dir
	cmd.Stdout = &installWriter{mu: &mu, stream: stream}
	cmd.Stderr = &installWriter{mu: &mu, stream: stream, stderr: true}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s install failed: %w", pm, err)
	}
	return nil
}

func (h *nodeHost) RuntimeOptionsPrompts(context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}
