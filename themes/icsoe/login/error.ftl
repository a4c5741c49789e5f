<#--
  Keycloak's error page. Replaces base/login/error.ftl (Keycloak 26.7.5) in the ICSOE frame, same
  ids (kc-error-message, backToApplication) and the same message. Errors that only say "this step is
  over" (the session's cookie or the action is gone: Back or reload after the last page of a flow)
  also carry a hidden ICSOE page, "Tu contraseña ya fue actualizada" with "Inicio de sesión":
  icsoe.js shows it instead when this browser tab finished a password change in the last 30 minutes
  (it remembers that in the tab's sessionStorage, nothing on the server, no cookie).
-->
<#import "template.ftl" as layout>
<#assign icsoeStepOver = false>
<#if message?has_content>
    <#list ["cookieNotFoundMessage", "expiredActionMessage", "expiredCodeMessage", "staleCodeMessage",
            "expiredActionTokenNoSessionMessage", "expiredActionTokenSessionExistsMessage"] as key>
        <#if message.summary == msg(key)><#assign icsoeStepOver = true></#if>
    </#list>
</#if>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${kcSanitize(msg("errorTitle"))?no_esc}
    <#elseif section = "form">
        <div id="kc-error-message">
            <p class="icsoe-notice__text">${kcSanitize(message.summary)?no_esc}</p>
            <#if !skipLink?? && (client.baseUrl)?has_content>
                <div class="icsoe-actions">
                    <a id="backToApplication" class="icsoe-btn icsoe-btn--primary" href="${client.baseUrl}">${kcSanitize(msg("backToApplication"))?no_esc}</a>
                </div>
            </#if>
        </div>
        <#if icsoeStepOver>
            <div id="icsoe-after-update" hidden data-icsoe-after-update data-title="${msg('icsoeAfterUpdateTitle')}">
                <div class="icsoe-notice icsoe-notice--success">
                    <p class="icsoe-notice__text">${msg("icsoeAfterUpdateMessage")}</p>
                </div>
                <div class="icsoe-actions">
                    <a id="icsoe-after-update-login" class="icsoe-btn icsoe-btn--primary" href="${(client.baseUrl)!url.loginUrl}">${msg("icsoeAfterUpdateLogin")}</a>
                </div>
            </div>
        </#if>
    </#if>
</@layout.registrationLayout>
